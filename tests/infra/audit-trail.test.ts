// The audit trail in the synthesized IAM: whoever holds the audit table may only add entries to it
// (PutItem, ConditionCheckItem) or read it, and every function role carries an explicit deny of
// updates, deletes, batch writes and PartiQL rewrites on it.
import { beforeAll, describe, expect, test } from 'vitest';
import { system } from '#infra/declaration/index.js';
import type { SystemDeclaration } from '#infra/declaration/types.js';
import { APPEND_ONLY_DENIED_ACTIONS, TABLE_APPEND_ACTIONS } from '#infra/constructs/grants.js';
import { FUNCTION_TAG } from '#infra/constructs/ocrm-function.js';
import { TABLE_TAG } from '#infra/stack.js';
import {
  actionsOf,
  namesByLogicalId,
  refId,
  referencedIds,
  resourcesOfType,
  statementsOfRole,
  synthesize,
  type Synthesized,
} from '../support/synth.js';

const auditDeclaration = system.tables.find((t) => t.id === 'audit')!;

describe('the audit table is append-only in IAM', () => {
  let s: Synthesized;
  let auditId: string;
  const statementsOn = (fnName: string) => {
    const fnId = [...namesByLogicalId(s.json, 'AWS::Lambda::Function', FUNCTION_TAG)].find(
      ([, n]) => n === fnName,
    )![0];
    const role = refId(s.json.Resources[fnId]!.Properties!.Role)!;
    return statementsOfRole(s.json, role).filter((st) => referencedIds(st.Resource).includes(auditId));
  };

  beforeAll(() => {
    s = synthesize();
    auditId = [...namesByLogicalId(s.json, 'AWS::DynamoDB::Table', TABLE_TAG)].find(
      ([, t]) => t === 'audit',
    )![0];
  });

  test('is declared append-only, and no function asks for more than append or read', () => {
    expect(auditDeclaration.appendOnly).toBe(true);
    const grants = system.functions.flatMap((fn) => (fn.tables.audit ? [fn.tables.audit] : []));
    expect(grants).toContain('append');
    expect(new Set(grants)).toEqual(new Set(grants.filter((g) => g === 'append' || g === 'read')));
  });

  const STREAM_READS = ['dynamodb:GetShardIterator', 'dynamodb:GetRecords', 'dynamodb:DescribeStream'];

  test('an appending function is allowed exactly PutItem and ConditionCheckItem on it', () => {
    const appenders = system.functions.filter((fn) => fn.tables.audit === 'append');
    expect(appenders.length).toBeGreaterThan(10);
    for (const fn of appenders) {
      // reading the table's stream (the dead-letter replay re-reads a failed batch) touches no item
      const allowed = statementsOn(fn.name)
        .filter((st) => st.Effect === 'Allow')
        .flatMap(actionsOf)
        .filter((action) => !STREAM_READS.includes(action));
      expect(allowed.sort(), fn.name).toEqual([...TABLE_APPEND_ACTIONS].sort());
    }
  });

  test('a reading function is allowed no write at all on it', () => {
    for (const fn of system.functions.filter((f) => f.tables.audit === 'read')) {
      const allowed = statementsOn(fn.name)
        .filter((st) => st.Effect === 'Allow')
        .flatMap(actionsOf);
      expect(allowed, fn.name).not.toContain('dynamodb:PutItem');
      expect(allowed, fn.name).toContain('dynamodb:Query');
    }
  });

  test('every function role denies updates, deletes, batch writes and PartiQL rewrites on it', () => {
    expect(APPEND_ONLY_DENIED_ACTIONS).toEqual(
      expect.arrayContaining([
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PartiQLUpdate',
        'dynamodb:PartiQLDelete',
      ]),
    );
    for (const fn of system.functions) {
      const denies = statementsOn(fn.name).filter((st) => st.Effect === 'Deny');
      expect(denies.flatMap(actionsOf).sort(), fn.name).toEqual([...APPEND_ONLY_DENIED_ACTIONS].sort());
    }
  });

  test('a declaration granting write on it does not synthesize', () => {
    const bad: SystemDeclaration = {
      tables: system.tables,
      functions: [
        {
          name: 'sneaky-writer',
          entry: 'functions/platform/health.ts',
          memoryMb: 256,
          timeoutSeconds: 10,
          tables: { audit: 'read-write' },
        },
      ],
    };
    expect(() => synthesize({ props: { system: bad } })).toThrow(/append-only/);
  });
});

describe('the audit archive bucket', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  });
  const archiveBucket = () =>
    resourcesOfType(s.json, 'AWS::S3::Bucket').find(([, b]) =>
      JSON.stringify(b.Properties?.BucketName ?? '').includes('audit-archive'),
    )!;

  test('Object Lock in compliance mode for 7 years, versioned, private, KMS, retained, access logged', () => {
    const [id, bucket] = archiveBucket();
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 * 365 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: expect.anything() },
    });
    const policy = resourcesOfType(s.json, 'AWS::S3::BucketPolicy').find(
      ([, p]) => refId(p.Properties!.Bucket) === id,
    )![1];
    expect(JSON.stringify(policy.Properties!.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  test('the retention is a context setting in years', () => {
    const ten = synthesize({ context: { 'ocrm:auditArchiveRetentionYears': '10' } });
    const [, bucket] = resourcesOfType(ten.json, 'AWS::S3::Bucket').find(([, b]) =>
      JSON.stringify(b.Properties?.BucketName ?? '').includes('audit-archive'),
    )!;
    expect(bucket.Properties!.ObjectLockConfiguration).toMatchObject({
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
    });
    expect(() => synthesize({ context: { 'ocrm:auditArchiveRetentionYears': '0.5' } })).toThrow(
      /whole number/,
    );
  });

  test('only the audit stream’s reader writes it: PutObject under audit/, nothing else on S3', () => {
    const fns = namesByLogicalId(s.json, 'AWS::Lambda::Function', FUNCTION_TAG);
    for (const [fnId, name] of fns) {
      const role = refId(s.json.Resources[fnId]!.Properties!.Role)!;
      const s3 = statementsOfRole(s.json, role)
        .filter((st) => st.Effect === 'Allow')
        .filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')));
      if (name !== 'audit-archive') {
        expect(s3, name).toEqual([]);
        continue;
      }
      expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
      expect(JSON.stringify(s3[0]!.Resource)).toMatch(/audit-archive-.*\/audit\/\*/);
      const variables = (
        s.json.Resources[fnId]!.Properties!.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(JSON.stringify(variables.OCRM_AUDIT_ARCHIVE_BUCKET)).toContain('audit-archive');
    }
    const readers = system.functions.filter((fn) => fn.streams?.some((st) => st.table === 'audit'));
    expect(readers.map((fn) => fn.name)).toEqual(['audit-archive']);
    expect(auditDeclaration.stream).toBe('NEW_IMAGE');
  });
});
