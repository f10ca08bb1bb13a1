// Lambda event filtering: the EventBridge pattern language (AWS's event-ruler) applied to a stream
// record as Lambda sees it (`{ eventName, dynamodb: { NewImage: { kind: { S: 'x' } } } }`).
// A pattern is checked when it is compiled, as CreateEventSourceMapping rejects a bad one; several
// patterns are OR-ed; a record matching none is dropped by the poller (checkpointed, never invoked).
//
// Semantics kept from event-ruler, because they surprise people in AWS too:
// - matchers apply to leaf values only (string, number, boolean, null); `exists` tests for a leaf, so
//   `{ kind: [{ exists: true }] }` never matches `kind: { S: 'x' }`; write `{ kind: { S: [{ exists: true }] } }`;
// - `numeric` matches JSON numbers only: a DynamoDB `N` is a string in the record and never matches it;
// - an array in the record matches if any element matches, and the fields of one pattern object must
//   match within the same array element;
// - `anything-but` needs the field to be there.
import type { FilterPattern } from '#infra/declaration/types.js';

export class InvalidFilterPattern extends Error {
  override name = 'InvalidFilterPattern';
}

/** Lambda's hard limits: 10 filters per event source mapping (5 by default), 4096 characters each. */
export const MAX_FILTERS = 10;
export const MAX_PATTERN_LENGTH = 4096;

type Leaf = string | number | boolean | null;
type LeafTest = (value: Leaf) => boolean;
type ValueMatcher = { exists: boolean } | { test: LeafTest };

interface CompiledObject {
  fields: { key: string; match: CompiledField }[];
  /** `$or`: each group needs one of its alternatives to match. */
  anyOf: CompiledObject[][];
}
type CompiledField = { kind: 'leaf'; matchers: ValueMatcher[] } | { kind: 'object'; pattern: CompiledObject };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isLeaf = (value: unknown): value is Leaf =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const fail = (path: string, message: string): never => {
  throw new InvalidFilterPattern(`filter pattern at ${path || '(root)'}: ${message}`);
};

const stringArgument = (path: string, operator: string, value: unknown): string =>
  typeof value === 'string' ? value : fail(path, `"${operator}" takes a string`);

/** `prefix` and `suffix` take a string or `{ "equals-ignore-case": string }`. */
const affixTest = (path: string, operator: 'prefix' | 'suffix', argument: unknown): LeafTest => {
  const ignoreCase =
    isPlainObject(argument) && Object.keys(argument).length === 1 && 'equals-ignore-case' in argument;
  const affix = stringArgument(path, operator, ignoreCase ? argument['equals-ignore-case'] : argument);
  const wanted = ignoreCase ? affix.toLowerCase() : affix;
  return (value) => {
    if (typeof value !== 'string') return false;
    const candidate = ignoreCase ? value.toLowerCase() : value;
    return operator === 'prefix' ? candidate.startsWith(wanted) : candidate.endsWith(wanted);
  };
};

const NUMERIC_LOWER = new Set(['>', '>=']);
const NUMERIC_UPPER = new Set(['<', '<=']);

const numericTest = (path: string, argument: unknown): LeafTest => {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    return fail(
      path,
      '"numeric" takes [operator, number] or [lower operator, number, upper operator, number]',
    );
  }
  const pairs: [string, number][] = [];
  for (let i = 0; i < argument.length; i += 2) {
    const [operator, bound] = [argument[i] as unknown, argument[i + 1] as unknown];
    if (typeof operator !== 'string' || !['=', ...NUMERIC_LOWER, ...NUMERIC_UPPER].includes(operator)) {
      return fail(path, `"numeric" operator must be one of = < <= > >=, got ${JSON.stringify(operator)}`);
    }
    if (typeof bound !== 'number' || !Number.isFinite(bound))
      return fail(path, `"numeric" ${operator} needs a number`);
    pairs.push([operator, bound]);
  }
  if (pairs.length === 2) {
    const [[low, lowBound], [high, highBound]] = pairs as [[string, number], [string, number]];
    if (!NUMERIC_LOWER.has(low) || !NUMERIC_UPPER.has(high)) {
      return fail(path, '"numeric" range must be a lower bound (> or >=) then an upper bound (< or <=)');
    }
    if (!(lowBound < highBound)) return fail(path, `"numeric" range ${lowBound}..${highBound} is empty`);
  }
  const holds = (value: number, [operator, bound]: [string, number]) =>
    operator === '='
      ? value === bound
      : operator === '<'
        ? value < bound
        : operator === '<='
          ? value <= bound
          : operator === '>'
            ? value > bound
            : value >= bound;
  return (value) => typeof value === 'number' && pairs.every((pair) => holds(value, pair));
};

const anythingButTest = (path: string, argument: unknown): LeafTest => {
  if (typeof argument === 'string' || typeof argument === 'number') return (value) => value !== argument;
  if (Array.isArray(argument)) {
    const allStrings = argument.every((v) => typeof v === 'string');
    const allNumbers = argument.every((v) => typeof v === 'number');
    if (argument.length === 0 || !(allStrings || allNumbers)) {
      return fail(path, '"anything-but" list must be non-empty and all strings or all numbers');
    }
    const excluded = new Set<unknown>(argument);
    return (value) => !excluded.has(value);
  }
  if (isPlainObject(argument) && Object.keys(argument).length === 1) {
    const [operator, inner] = Object.entries(argument)[0]!;
    if (operator === 'prefix' || operator === 'suffix') {
      const affix = affixTest(path, operator, inner);
      return (value) => !affix(value);
    }
    if (operator === 'equals-ignore-case') {
      const words = (Array.isArray(inner) ? inner : [inner]).map((w) =>
        stringArgument(path, operator, w).toLowerCase(),
      );
      return (value) => !(typeof value === 'string' && words.includes(value.toLowerCase()));
    }
  }
  return fail(
    path,
    '"anything-but" takes a string, a number, a list of either, or { prefix | suffix | equals-ignore-case }',
  );
};

const compileMatcher = (path: string, matcher: unknown): ValueMatcher => {
  if (isLeaf(matcher)) return { test: (value) => value === matcher };
  if (!isPlainObject(matcher) || Object.keys(matcher).length !== 1) {
    return fail(path, `a matcher is a value or an object with one operator, got ${JSON.stringify(matcher)}`);
  }
  const [operator, argument] = Object.entries(matcher)[0]!;
  switch (operator) {
    case 'exists':
      return typeof argument === 'boolean'
        ? { exists: argument }
        : fail(path, '"exists" takes true or false');
    case 'prefix':
    case 'suffix':
      return { test: affixTest(path, operator, argument) };
    case 'equals-ignore-case': {
      const wanted = stringArgument(path, operator, argument).toLowerCase();
      return { test: (value) => typeof value === 'string' && value.toLowerCase() === wanted };
    }
    case 'anything-but':
      return { test: anythingButTest(path, argument) };
    case 'numeric':
      return { test: numericTest(path, argument) };
    case 'cidr':
    case 'wildcard':
      return fail(path, `"${operator}" is EventBridge-only; Lambda event filtering does not support it`);
    default:
      return fail(path, `unknown operator "${operator}"`);
  }
};

const compileObject = (path: string, pattern: unknown): CompiledObject => {
  if (!isPlainObject(pattern) || Object.keys(pattern).length === 0) {
    return fail(path, 'must be a non-empty object');
  }
  const compiled: CompiledObject = { fields: [], anyOf: [] };
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2)
        return fail(at, '"$or" takes a list of at least two patterns');
      compiled.anyOf.push(value.map((alternative, i) => compileObject(`${at}[${i}]`, alternative)));
    } else if (Array.isArray(value)) {
      if (value.length === 0) return fail(at, 'a list of matchers must not be empty');
      compiled.fields.push({
        key,
        match: { kind: 'leaf', matchers: value.map((m) => compileMatcher(at, m)) },
      });
    } else if (isPlainObject(value)) {
      compiled.fields.push({ key, match: { kind: 'object', pattern: compileObject(at, value) } });
    } else {
      return fail(at, `must be a list of matchers or a nested pattern, got ${JSON.stringify(value)}`);
    }
  }
  return compiled;
};

/** The leaf values at a path: an object is not a leaf, an array contributes its elements' leaves. */
const leavesOf = (value: unknown): Leaf[] => {
  if (value === undefined || isPlainObject(value)) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  return isLeaf(value) ? [value] : [];
};

const fieldMatches = (field: CompiledField, value: unknown): boolean => {
  if (field.kind === 'object') return objectMatches(field.pattern, value);
  const leaves = leavesOf(value);
  return field.matchers.some((matcher) =>
    'exists' in matcher ? matcher.exists === leaves.length > 0 : leaves.some(matcher.test),
  );
};

const objectMatches = (pattern: CompiledObject, node: unknown): boolean => {
  // Array consistency: the whole sub-pattern must hold within one element.
  if (Array.isArray(node) && node.length > 0) return node.some((element) => objectMatches(pattern, element));
  const child = (key: string) => (isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined);
  return (
    pattern.fields.every(({ key, match }) => fieldMatches(match, child(key))) &&
    pattern.anyOf.every((alternatives) =>
      alternatives.some((alternative) => objectMatches(alternative, node)),
    )
  );
};

export type RecordFilter = (record: unknown) => boolean;

/** Compiles one pattern; throws InvalidFilterPattern as Lambda would reject it. */
export const compilePattern = (pattern: FilterPattern): RecordFilter => {
  if (JSON.stringify(pattern).length > MAX_PATTERN_LENGTH) {
    throw new InvalidFilterPattern(`filter pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  const compiled = compileObject('', pattern);
  return (record) => objectMatches(compiled, record);
};

/** The filters of one mapping, OR-ed; no filters lets every record through. */
export const compileFilters = (patterns: FilterPattern[] | undefined): RecordFilter => {
  if (!patterns?.length) return () => true;
  if (patterns.length > MAX_FILTERS) {
    throw new InvalidFilterPattern(
      `${patterns.length} filters: an event source mapping takes at most ${MAX_FILTERS}`,
    );
  }
  const compiled = patterns.map(compilePattern);
  return (record) => compiled.some((matches) => matches(record));
};

export const matchesPattern = (pattern: FilterPattern, record: unknown): boolean =>
  compilePattern(pattern)(record);
