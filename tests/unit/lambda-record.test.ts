// The local poller's translation of a Streams value into Lambda's shape: every typed value as it
// is, nested ones recursively; an empty map, which the Streams client hands back as `{}`, stays an
// empty map (as Lambda delivers it) rather than stalling the shard; an unknown type still fails loudly.
import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaAttributeValue } from '#shared/stream/lambda-record.js';

describe('toLambdaAttributeValue', () => {
  it('keeps typed values, binary as base64, nested maps and lists recursively', () => {
    expect(toLambdaAttributeValue({ S: 'x' })).toEqual({ S: 'x' });
    expect(toLambdaAttributeValue({ B: new Uint8Array([1, 2]) })).toEqual({ B: 'AQI=' });
    expect(
      toLambdaAttributeValue({ M: { a: { L: [{ N: '1' }, { BOOL: false }, { NULL: true }] } } }),
    ).toEqual({ M: { a: { L: [{ N: '1' }, { BOOL: false }, { NULL: true }] } } });
  });

  it('delivers an empty map the client lost the type of as an empty map, and refuses a type it does not know', () => {
    expect(toLambdaAttributeValue({} as AttributeValue)).toEqual({ M: {} });
    expect(toLambdaAttributeValue({ M: { gap: {} as AttributeValue } })).toEqual({
      M: { gap: { M: {} } },
    });
    expect(() => toLambdaAttributeValue({ $unknown: ['X', 1] } as unknown as AttributeValue)).toThrow(
      /unknown DynamoDB attribute value type: \$unknown/,
    );
  });
});
