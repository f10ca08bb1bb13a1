// A DynamoDB Streams record (as the SDK returns it from GetRecords) in the shape Lambda delivers it:
// JSON wire values (binary as base64, the creation time in epoch seconds), `eventSourceARN` added,
// `userIdentity` with Lambda's lower-case keys for time-to-live deletes.
import type { _Record, AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';

type Image = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array | string): string =>
  typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64');

export const toLambdaAttributeValue = (value: SdkAttributeValue): AttributeValue => {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  // An empty map (`{"M":{}}` on the wire, e.g. an audit entry's `detail: {}`) reaches us from the
  // Streams client as `{}`: its union deserializer drops a member with no keys. Lambda delivers it as
  // an empty map, so this does too; any other value without a type still fails loudly.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error(`unknown DynamoDB attribute value type: ${Object.keys(value).join(', ')}`);
};

const toLambdaImage = (image: Record<string, SdkAttributeValue>): Image =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttributeValue(value)]));

export const toLambdaRecord = (record: _Record, streamArn: string): DynamoDBRecord => {
  const change = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {
    // Lambda delivers whole epoch seconds here.
    ...(change.ApproximateCreationDateTime
      ? { ApproximateCreationDateTime: Math.floor(change.ApproximateCreationDateTime.getTime() / 1000) }
      : {}),
    ...(change.Keys ? { Keys: toLambdaImage(change.Keys) } : {}),
    ...(change.NewImage ? { NewImage: toLambdaImage(change.NewImage) } : {}),
    ...(change.OldImage ? { OldImage: toLambdaImage(change.OldImage) } : {}),
    SequenceNumber: change.SequenceNumber,
    SizeBytes: change.SizeBytes,
    StreamViewType: change.StreamViewType,
  };
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb,
    eventSourceARN: streamArn,
    ...(record.userIdentity
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
  };
};

/** When the change was written, from the record's approximate creation time (whole seconds). */
export const recordCreatedAt = (record: DynamoDBRecord): number =>
  (record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000;

/** The item a record changed, as one string (its key attributes in name order): per-key order holds for it. */
export const itemKeyOf = (record: DynamoDBRecord): string => {
  const keys = record.dynamodb?.Keys ?? {};
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
};
