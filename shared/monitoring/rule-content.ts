// What a trigger rule's content is (what a maker-checker change compares and shows): pure, no
// imports, so the web app's pending-changes list names the same fields as the server.
export const RULE_CONTENT_FIELDS = [
  'name',
  'description',
  'enabled',
  'severity',
  'when',
  'dedup',
  'alert',
  'serviceSms',
] as const;
