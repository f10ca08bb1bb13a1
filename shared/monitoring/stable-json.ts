// JSON with object keys sorted: the same content compares equal however it was built or stored
// (a rule read back from DynamoDB, a proposal typed in the browser). Pure, no imports: the web app
// uses it too, to say what a proposed change changes.
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
