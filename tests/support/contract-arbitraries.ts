// fast-check values from a route's zod contract (through its JSON Schema, as the OpenAPI document
// sees it): valid ones, near-valid ones (one field of the wrong type, so the contract must refuse
// them) and hostile ones (huge, deep, prototype keys, unicode, numbers at the edges).
import fc from 'fast-check';
import * as z from 'zod';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const typesOf = (s: JsonSchema): string[] => (s.type === undefined ? [] : [s.type].flat());

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const stringOf = (s: JsonSchema): fc.Arbitrary<string> => {
  if (s.format === 'date-time') return isoDate;
  if (s.format === 'date' || s.pattern === String.raw`^\d{4}-\d{2}-\d{2}$`)
    return isoDate.map((d) => d.slice(0, 10));
  if (s.pattern === String.raw`^\d{4}-\d{2}$`) return isoDate.map((d) => d.slice(0, 7));
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 24, 24));
  if (s.pattern) {
    try {
      const pattern = new RegExp(s.pattern);
      return fc
        .stringMatching(pattern)
        .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity) && pattern.test(v));
    } catch {
      // a pattern JavaScript cannot build an arbitrary from: any string
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
};

const numberOf = (s: JsonSchema, integer: boolean): fc.Arbitrary<number> => {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  const edges = fc.constantFrom(...[min, max, 0, 1].filter((n) => n >= min && n <= max));
  const inRange = integer
    ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return fc.oneof(inRange, edges);
};

/** A value the schema's JSON Schema accepts (zod refinements aside). */
export const validOf = (s: JsonSchema, depth = 0): fc.Arbitrary<unknown> => {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validOf(a, depth)));
  if (s.allOf?.length) return validOf(s.allOf[0]!, depth);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validOf({ ...s, type }, depth)));
  switch (types[0]) {
    case 'string':
      return stringOf(s);
    case 'integer':
      return numberOf(s, true);
    case 'number':
      return numberOf(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? validOf(s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object': {
      const properties = s.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, validOf(v, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in properties) },
      );
      if (typeof s.additionalProperties !== 'object' || Object.keys(properties).length > 0) return record;
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }),
        validOf(s.additionalProperties, depth + 1),
        {
          maxKeys: 3,
        },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** A JSON value whose type the schema does not allow, or undefined when it allows any. */
export const wrongTypeFor = (s: JsonSchema): fc.Arbitrary<unknown> | undefined => {
  if (s.anyOf || s.oneOf || s.allOf) return undefined;
  const allowed = new Set(typesOf(s));
  if (s.enum || s.const !== undefined) {
    // an enum's wrong value: a string no member equals (a member may be any type)
    const members = s.enum ?? [s.const];
    return fc.oneof(fc.constant('not-a-member-☃'), fc.constant(12345)).filter((v) => !members.includes(v));
  }
  if (allowed.size === 0) return undefined;
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.oneof(fc.constant('1'), fc.string({ maxLength: 8 }), fc.constant('true'))],
    ['number', fc.oneof(fc.constant(7), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.constant([])],
    ['object', fc.constant({})],
  ];
  const numeric = allowed.has('number') || allowed.has('integer');
  const wrong = candidates.filter(([type]) => !allowed.has(type) && !(type === 'number' && numeric));
  return wrong.length ? fc.oneof(...wrong.map(([, a]) => a)) : undefined;
};

/** The (dotted) paths of an object schema's fields that have a definite type, to one level of nesting. */
const typedFields = (s: JsonSchema): { path: string[]; wrong: fc.Arbitrary<unknown> }[] =>
  Object.entries(s.properties ?? {}).flatMap(([name, field]) => {
    const wrong = wrongTypeFor(field);
    return wrong ? [{ path: [name], wrong }] : [];
  });

/**
 * A valid object with one field of the wrong type: the contract must refuse it, whatever the rest.
 * Undefined when the schema has no typed field.
 */
export const nearValidOf = (s: JsonSchema): fc.Arbitrary<{ value: unknown; field: string }> | undefined => {
  const fields = typedFields(s);
  if (typesOf(s)[0] !== 'object' || fields.length === 0) return undefined;
  return fc.tuple(validOf(s), fc.constantFrom(...fields)).chain(([value, field]) =>
    field.wrong.map((wrong) => ({
      value: { ...(value as Record<string, unknown>), [field.path[0]!]: wrong },
      field: field.path.join('.'),
    })),
  );
};

// Hostile material ------------------------------------------------------------------------------------

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

// Texts that have broken parsers, logs, paths and spreadsheets; `long` is the size of the longest.
const hostileTexts = (long: number) => [
  fc.constant('x'.repeat(long)),
  fc.constant('𠀀'.repeat(long / 5)),
  fc.constant('\u0000\u202e<script>alert(1)</script>'),
  fc.constant("' OR 1=1 --"),
  fc.constant('__proto__'),
  fc.constant('../../etc/passwd'),
  fc.constant("=cmd|' /C calc'!A0"),
  fc.constant('%00%2F%2e%2e'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
];

export const hostileString = fc.oneof(
  ...hostileTexts(100_000),
  fc.constant('\ud800 a lone surrogate'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export const edgeNumber = fc.constantFrom(
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  5e-324,
  -0,
  0.1 + 0.2,
  2 ** 53,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  edgeNumber,
  fc.constant(nested(2_000)),
  fc.constant(Array.from({ length: 5_000 }, (_, i) => i)),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  fc.constant({ constructor: { prototype: { polluted: true } } }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid object with one field made hostile (which the contract may or may not accept). */
export const hostileOf = (s: JsonSchema): fc.Arbitrary<unknown> => {
  const fields = Object.keys(s.properties ?? {});
  if (typesOf(s)[0] !== 'object' || fields.length === 0) return hostileValue;
  return fc
    .tuple(validOf(s), fc.constantFrom(...fields), hostileValue)
    .map(([value, field, hostile]) => ({ ...(value as Record<string, unknown>), [field]: hostile }));
};

/** Short enough for a URL or a header (a 100 KB query string is the web server's 431, not ours). */
export const hostileShortString = fc.oneof(...hostileTexts(2_000), fc.constant('a/b?c#d'));

/** Raw request bodies no contract accepts (every body is a JSON object), sent as they are. */
export const refusedBodyTexts: string[] = [
  '['.repeat(5_000) + ']'.repeat(5_000),
  JSON.stringify({ huge: 'x'.repeat(300 * 1024) }), // past the 256 KB limit: 413
  '\uFEFF{}',
  'null',
  '1e999',
  '{"a":1,"a":',
];

/** Raw bodies a contract may accept (unknown keys are dropped by a non-strict object). */
export const hostileBodyTexts: string[] = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":'.repeat(3_000) + '1' + '}'.repeat(3_000),
];

// Query strings and path parameters -------------------------------------------------------------------

/** A query value as the wire carries it. */
export const asQueryText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(String).join(',')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/**
 * A text the parameter's schema refuses (a query or path value is always text), or undefined when
 * the schema accepts any text. A cursor is refused unless this deployment issued it.
 */
export const wrongTextFor = (name: string, s: JsonSchema): fc.Arbitrary<string> | undefined => {
  if (name === 'cursor')
    return fc.oneof(fc.base64String({ minLength: 4, maxLength: 80 }), hostileShortString);
  const types = typesOf(s);
  if (s.enum) return fc.constant('not-a-member-☃').filter((v) => !s.enum!.includes(v));
  if (types.includes('integer') || types.includes('number'))
    return fc.constantFrom('ten', '1.5x', 'NaN', '0x', '∞');
  if (types.includes('boolean')) return fc.constantFrom('maybe', 'yes please');
  if (!types.includes('string') || s.anyOf || s.oneOf) return undefined;
  if (s.pattern) {
    const pattern = new RegExp(s.pattern);
    return fc.oneof(hostileShortString, fc.constant('!! ')).filter((v) => !pattern.test(v));
  }
  if (s.format === 'date-time' || s.format === 'date') return fc.constantFrom('2026-13-45', 'yesterday');
  if (s.maxLength !== undefined) return fc.constant('x'.repeat(s.maxLength + 1));
  return undefined;
};

/** One parameter of the wrong text, the others valid: `{ values, field }`, or undefined when none can be wrong. */
export const nearValidTexts = (
  s: JsonSchema,
): fc.Arbitrary<{ values: Record<string, string>; field: string }> | undefined => {
  const wrong = Object.entries(s.properties ?? {}).flatMap(([name, field]) => {
    const text = wrongTextFor(name, field);
    return text ? [{ name, text }] : [];
  });
  if (wrong.length === 0) return undefined;
  return fc
    .tuple(validTexts(s), fc.constantFrom(...wrong))
    .chain(([values, { name, text }]) =>
      text.map((bad) => ({ values: { ...values, [name]: bad }, field: name })),
    );
};

/** Valid texts for every required parameter and some optional ones. */
export const validTexts = (s: JsonSchema): fc.Arbitrary<Record<string, string>> =>
  (validOf(s) as fc.Arbitrary<Record<string, unknown> | undefined>).map((value) =>
    Object.fromEntries(
      Object.entries(value ?? {})
        .filter(([k, v]) => k !== 'cursor' && v !== undefined && v !== null)
        .map(([k, v]) => [k, asQueryText(v)]),
    ),
  );
