import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileFilters,
  compilePattern,
  InvalidFilterPattern,
  matchesPattern,
  MAX_FILTERS,
} from '#infra/local/streams/filter-pattern.js';

// A stream record as Lambda sees it.
const record = (newImage: Record<string, unknown>, eventName = 'INSERT') => ({
  eventID: 'e-1',
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { Keys: { pk: { S: 'C1' } }, NewImage: newImage, SequenceNumber: '000000000000000000001' },
});
const field = (value: unknown) => ({ f: value });
const matches = (matcher: unknown, value: unknown) => matchesPattern({ f: [matcher] }, field(value));
const missing = {};

describe('exact values', () => {
  it('matches a string exactly: case, length and type all count', () => {
    expect(matches('x', 'x')).toBe(true);
    expect(matches('x', 'X')).toBe(false);
    expect(matches('x', 'xy')).toBe(false);
    expect(matches('5', 5)).toBe(false);
    expect(matches('', '')).toBe(true);
    expect(matches('', ' ')).toBe(false);
  });

  it('matches numbers by value, booleans and null by identity, never a missing field', () => {
    expect(matches(5, 5)).toBe(true);
    expect(matches(301.8, 3.018e2)).toBe(true);
    expect(matches(5, '5')).toBe(false);
    expect(matches(true, true)).toBe(true);
    expect(matches(true, 'true')).toBe(false);
    expect(matches(null, null)).toBe(true);
    expect(matchesPattern({ f: [null] }, missing)).toBe(false);
  });

  it('ORs the values of one list and ANDs the fields of one pattern', () => {
    const pattern = { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { kind: { S: ['keep'] } } } };
    expect(matchesPattern(pattern, record({ kind: { S: 'keep' } }, 'MODIFY'))).toBe(true);
    expect(matchesPattern(pattern, record({ kind: { S: 'keep' } }, 'REMOVE'))).toBe(false);
    expect(matchesPattern(pattern, record({ kind: { S: 'drop' } }, 'INSERT'))).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('matches a string that starts (ends) with the affix, the affix itself included', () => {
    expect(matches({ prefix: 'ab' }, 'ab')).toBe(true);
    expect(matches({ prefix: 'ab' }, 'abc')).toBe(true);
    expect(matches({ prefix: 'ab' }, 'a')).toBe(false);
    expect(matches({ prefix: 'ab' }, 'xab')).toBe(false);
    expect(matches({ suffix: 'yz' }, 'xyz')).toBe(true);
    expect(matches({ suffix: 'yz' }, 'yzx')).toBe(false);
  });

  it('only works on strings, and ignores case only when asked', () => {
    expect(matches({ prefix: '1' }, 12)).toBe(false);
    expect(matches({ prefix: 'AB' }, 'abc')).toBe(false);
    expect(matches({ prefix: { 'equals-ignore-case': 'AB' } }, 'abc')).toBe(true);
    expect(matches({ suffix: { 'equals-ignore-case': 'YZ' } }, 'xyz')).toBe(true);
  });

  it('prefix matches exactly the values that start with it (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (prefix, value) => {
        expect(matches({ prefix }, prefix + value)).toBe(true);
        expect(matches({ prefix }, value)).toBe(value.startsWith(prefix));
      }),
    );
  });
});

describe('equals-ignore-case', () => {
  it('matches the same string in any case, nothing else', () => {
    expect(matches({ 'equals-ignore-case': 'Keep' }, 'kEEP')).toBe(true);
    expect(matches({ 'equals-ignore-case': 'Keep' }, 'keeps')).toBe(false);
    expect(matches({ 'equals-ignore-case': '1' }, 1)).toBe(false);
  });
});

describe('anything-but', () => {
  it('matches any present value except the excluded ones', () => {
    expect(matches({ 'anything-but': 'x' }, 'y')).toBe(true);
    expect(matches({ 'anything-but': 'x' }, 'x')).toBe(false);
    expect(matches({ 'anything-but': 'x' }, 5)).toBe(true);
    expect(matches({ 'anything-but': ['x', 'y'] }, 'y')).toBe(false);
    expect(matches({ 'anything-but': ['x', 'y'] }, 'z')).toBe(true);
    expect(matches({ 'anything-but': [100, 200] }, 200)).toBe(false);
    expect(matches({ 'anything-but': [100, 200] }, 300)).toBe(true);
  });

  it('needs the field to be there', () => {
    expect(matchesPattern({ f: [{ 'anything-but': 'x' }] }, missing)).toBe(false);
  });

  it('takes a prefix, a suffix or a case-insensitive list', () => {
    expect(matches({ 'anything-but': { prefix: 'init' } }, 'initializing')).toBe(false);
    expect(matches({ 'anything-but': { prefix: 'init' } }, 'running')).toBe(true);
    expect(matches({ 'anything-but': { suffix: '.tmp' } }, 'a.tmp')).toBe(false);
    expect(matches({ 'anything-but': { 'equals-ignore-case': ['A', 'b'] } }, 'B')).toBe(false);
    expect(matches({ 'anything-but': { 'equals-ignore-case': ['A', 'b'] } }, 'c')).toBe(true);
  });

  it('is the complement of the exact list for any present string (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), fc.string(), (list, value) => {
        const exact = matchesPattern({ f: list }, field(value));
        const anythingBut = matchesPattern({ f: [{ 'anything-but': list }] }, field(value));
        expect(exact).toBe(!anythingBut);
      }),
    );
  });
});

describe('exists', () => {
  it('tests for a leaf value at the path', () => {
    expect(matches({ exists: true }, 'x')).toBe(true);
    expect(matches({ exists: true }, null)).toBe(true);
    expect(matchesPattern({ f: [{ exists: true }] }, missing)).toBe(false);
    expect(matchesPattern({ f: [{ exists: false }] }, missing)).toBe(true);
    expect(matches({ exists: false }, 'x')).toBe(false);
  });

  it('does not see intermediate nodes, as in AWS: test the attribute type instead', () => {
    const withKind = record({ kind: { S: 'x' } });
    expect(matchesPattern({ dynamodb: { NewImage: { kind: [{ exists: true }] } } }, withKind)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { kind: [{ exists: false }] } } }, withKind)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { kind: { S: [{ exists: true }] } } } }, withKind)).toBe(
      true,
    );
    expect(matchesPattern({ dynamodb: { NewImage: { kind: { S: [{ exists: true }] } } } }, record({}))).toBe(
      false,
    );
  });

  it('exactly one of exists true and exists false matches any event (property)', () => {
    // an event is a stream record: a JSON object (a top-level array, which fast-check found once, is not one)
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (event) => {
        const present = matchesPattern({ f: [{ exists: true }] }, event);
        const absent = matchesPattern({ f: [{ exists: false }] }, event);
        expect(present).toBe(!absent);
      }),
    );
  });
});

describe('numeric', () => {
  it('compares at the edges of each operator', () => {
    expect(matches({ numeric: ['=', 100] }, 100)).toBe(true);
    expect(matches({ numeric: ['=', 100] }, 100.000001)).toBe(false);
    expect(matches({ numeric: ['<', 5] }, 5)).toBe(false);
    expect(matches({ numeric: ['<', 5] }, 4.999)).toBe(true);
    expect(matches({ numeric: ['<=', 5] }, 5)).toBe(true);
    expect(matches({ numeric: ['>', 0] }, 0)).toBe(false);
    expect(matches({ numeric: ['>', 0] }, 0.001)).toBe(true);
    expect(matches({ numeric: ['>=', 0] }, 0)).toBe(true);
    expect(matches({ numeric: ['>', 0, '<=', 5] }, 5)).toBe(true);
    expect(matches({ numeric: ['>', 0, '<=', 5] }, 5.0001)).toBe(false);
    expect(matches({ numeric: ['>', 0, '<=', 5] }, 0)).toBe(false);
  });

  it('matches JSON numbers only, so never a DynamoDB N (a string in the record)', () => {
    expect(matches({ numeric: ['>', 0] }, '7')).toBe(false);
    expect(
      matchesPattern(
        { dynamodb: { NewImage: { amount: { N: [{ numeric: ['>', 0] }] } } } },
        record({ amount: { N: '7' } }),
      ),
    ).toBe(false);
    expect(
      matchesPattern({ dynamodb: { NewImage: { amount: { N: ['7'] } } } }, record({ amount: { N: '7' } })),
    ).toBe(true);
  });

  it('agrees with the arithmetic for any range and value (property)', () => {
    const lower = fc.constantFrom('>', '>=');
    const upper = fc.constantFrom('<', '<=');
    const bound = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(
        lower,
        bound,
        upper,
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        (lo, a, hi, width, x) => {
          const b = a + width;
          const expected = (lo === '>' ? x > a : x >= a) && (hi === '<' ? x < b : x <= b);
          expect(matches({ numeric: [lo, a, hi, b] }, x)).toBe(expected);
        },
      ),
    );
  });
});

describe('nesting and arrays', () => {
  it('follows nested objects down to the leaves', () => {
    const pattern = { dynamodb: { NewImage: { address: { M: { city: { S: ['Shanghai'] } } } } } };
    expect(matchesPattern(pattern, record({ address: { M: { city: { S: 'Shanghai' } } } }))).toBe(true);
    expect(matchesPattern(pattern, record({ address: { M: { city: { S: 'Beijing' } } } }))).toBe(false);
    expect(matchesPattern(pattern, record({}))).toBe(false);
  });

  it('matches an array when any element matches', () => {
    expect(matchesPattern({ f: ['b'] }, field(['a', 'b']))).toBe(true);
    expect(matchesPattern({ f: ['c'] }, field(['a', 'b']))).toBe(false);
    expect(matchesPattern({ tags: { SS: ['vip'] } }, { tags: { SS: ['new', 'vip'] } })).toBe(true);
  });

  it('needs the fields of one pattern object to match within one array element', () => {
    const event = {
      people: [
        { first: 'Anna', last: 'Smith' },
        { first: 'Peter', last: 'Jones' },
      ],
    };
    expect(matchesPattern({ people: { first: ['Anna'], last: ['Smith'] } }, event)).toBe(true);
    expect(matchesPattern({ people: { first: ['Anna'], last: ['Jones'] } }, event)).toBe(false);
  });

  it('ORs alternatives inside one pattern with $or', () => {
    const pattern = {
      eventName: ['INSERT'],
      $or: [{ dynamodb: { NewImage: { a: { S: ['1'] } } } }, { dynamodb: { NewImage: { b: { S: ['2'] } } } }],
    };
    expect(matchesPattern(pattern, record({ b: { S: '2' } }))).toBe(true);
    expect(matchesPattern(pattern, record({ a: { S: '1' } }, 'REMOVE'))).toBe(false);
    expect(matchesPattern(pattern, record({ c: { S: '3' } }))).toBe(false);
  });
});

describe('several filters', () => {
  it('let a record through when any one matches, and every record when there are none', () => {
    const filter = compileFilters([
      { eventName: ['REMOVE'] },
      { dynamodb: { NewImage: { kind: { S: ['keep'] } } } },
    ]);
    expect(filter(record({ kind: { S: 'keep' } }))).toBe(true);
    expect(filter(record({}, 'REMOVE'))).toBe(true);
    expect(filter(record({ kind: { S: 'drop' } }))).toBe(false);
    expect(compileFilters(undefined)(record({}))).toBe(true);
    expect(compileFilters([])(record({}))).toBe(true);
  });

  it('is the OR of the patterns one by one (property)', () => {
    const patterns = [
      { f: [{ prefix: 'a' }] },
      { f: [{ numeric: ['>', 10] }] },
      { g: [{ exists: true }] },
      { f: [{ 'anything-but': ['a', 'b'] }], g: [null] },
    ];
    const value = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 20 }), fc.constant(null));
    fc.assert(
      fc.property(
        fc.subarray(patterns, { minLength: 1 }),
        fc.record({ f: value, g: value }, { requiredKeys: [] }),
        (chosen, event) => {
          const expected = chosen.some((pattern) => compilePattern(pattern)(event));
          expect(compileFilters(chosen)(event)).toBe(expected);
        },
      ),
    );
  });
});

describe('invalid patterns', () => {
  it.each([
    ['an empty pattern', {}],
    ['a bare value instead of a list', { f: 'x' }],
    ['an empty list', { f: [] }],
    ['an unknown operator', { f: [{ contains: 'x' }] }],
    ['an EventBridge-only operator', { f: [{ wildcard: 'a*' }] }],
    ['two operators in one matcher', { f: [{ prefix: 'a', suffix: 'b' }] }],
    ['a numeric range upside down', { f: [{ numeric: ['<', 5, '>', 0] }] }],
    ['an empty numeric range', { f: [{ numeric: ['>', 5, '<', 5] }] }],
    ['a numeric bound that is not a number', { f: [{ numeric: ['>', '5'] }] }],
    ['anything-but with mixed types', { f: [{ 'anything-but': ['a', 1] }] }],
    ['exists that is not a boolean', { f: [{ exists: 'yes' }] }],
    ['$or with one alternative', { $or: [{ f: ['x'] }] }],
  ])('rejects %s, as CreateEventSourceMapping would', (_name, pattern) => {
    expect(() => compilePattern(pattern)).toThrow(InvalidFilterPattern);
  });

  it('rejects more filters than a mapping takes, and a pattern over 4096 characters', () => {
    expect(() => compileFilters(Array.from({ length: MAX_FILTERS + 1 }, () => ({ f: ['x'] })))).toThrow(
      InvalidFilterPattern,
    );
    expect(() => compilePattern({ f: ['x'.repeat(5000)] })).toThrow(InvalidFilterPattern);
  });
});
