// The audit trail is append-only in code as in IAM: every request the source makes against the
// audit table is a Put conditional on a new key (or a read). IAM cannot require the condition, so
// this reads the source: each `TableName:` that names the audit table (directly or through a local
// alias) sits in a Put with `attribute_not_exists(auditId)`, or in a Query/Get/Scan.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPut, AUDIT_PUT_CONDITION } from '#shared/audit/dynamo-audit-log.js';

const root = join(import.meta.dirname, '..', '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

const AUDIT_TABLE = String.raw`(?:tableName|names)\('audit'\)`;
const REQUEST_KINDS =
  /\b(Put:|PutCommand|Update:|UpdateCommand|Delete:|DeleteCommand|BatchWriteCommand|ExecuteStatementCommand|BatchExecuteStatementCommand|QueryCommand|GetCommand|ScanCommand|ConditionCheck:)/g;

interface AuditRequest {
  file: string;
  kind: string;
  conditioned: boolean;
}

/** Every request against the audit table in one file's text. */
const auditRequests = (file: string, text: string): AuditRequest[] => {
  const aliases = [
    ...text.matchAll(new RegExp(String.raw`(\w+)\s*=\s*(?:\(\)\s*=>\s*)?${AUDIT_TABLE}`, 'g')),
  ].map((m) => m[1]!);
  const target = new RegExp(
    String.raw`TableName:\s*(?:${AUDIT_TABLE}${aliases.map((a) => `|${a}\\b(?:\\(\\))?`).join('')})`,
    'g',
  );
  return [...text.matchAll(target)].map((match) => {
    const before = text.slice(Math.max(0, match.index - 300), match.index);
    const kinds = [...before.matchAll(REQUEST_KINDS)];
    const kind = kinds.at(-1)?.[1] ?? 'unknown';
    const after = text.slice(match.index, match.index + 300);
    const conditioned =
      /ConditionExpression:\s*(?:'attribute_not_exists\(auditId\)'|AUDIT_PUT_CONDITION)/.test(after);
    return { file, kind, conditioned };
  });
};

const allowed = (r: AuditRequest) =>
  ['QueryCommand', 'GetCommand', 'ScanCommand'].includes(r.kind) ||
  (['Put:', 'PutCommand'].includes(r.kind) && r.conditioned);

describe('the audit table in the source', () => {
  const sources = ['shared', 'functions'].flatMap(sourceFiles).map((path) => ({
    file: relative(root, join(root, path)),
    text: readFileSync(join(root, path), 'utf8'),
  }));
  const requests = sources.flatMap(({ file, text }) => auditRequests(file, text));

  it('finds the writers (the scan is not vacuous)', () => {
    // every writer puts through auditPut (the conditional put below); the scan sees the rest
    const writers = sources.filter(({ text }) => /\bauditPut\(/.test(text)).map(({ file }) => file);
    expect(writers.length).toBeGreaterThanOrEqual(5);
    expect(requests.filter((r) => r.kind === 'Put:' || r.kind === 'QueryCommand').length).toBeGreaterThan(0);
  });

  it('is only ever written by a Put conditional on a new key, or read', () => {
    expect(requests.filter((r) => !allowed(r))).toEqual([]);
  });

  it('flags an unconditional put, an update and a delete', () => {
    const put = `{ Put: { TableName: tableName('audit'), Item: entry } }`;
    const update = `new UpdateCommand({ TableName: names('audit'), Key: k })`;
    const del = `const t = () => tableName('audit');\n x = { Delete: { TableName: t(), Key: k } }`;
    expect(auditRequests('x', put).map(allowed)).toEqual([false]);
    expect(auditRequests('x', update).map(allowed)).toEqual([false]);
    expect(auditRequests('x', del)).toEqual([{ file: 'x', kind: 'Delete:', conditioned: false }]);
  });

  it('auditPut is that conditional put', () => {
    const entry = { entityKey: 'e', auditId: 'a', actorId: 's', action: 'x', at: 't', correlationId: 'c' };
    expect(auditPut(entry, 'audit-table')).toEqual({
      Put: { TableName: 'audit-table', Item: entry, ConditionExpression: AUDIT_PUT_CONDITION },
    });
    expect(AUDIT_PUT_CONDITION).toBe('attribute_not_exists(auditId)');
  });
});
