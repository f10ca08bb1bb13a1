// docs/security.md is what `npm run docs:security` makes of the declaration today: a route or role
// changed without regenerating it fails here (and so in CI).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { system } from '#infra/declaration/index.js';
import { SECURITY_DOC, securityDoc } from '../../scripts/security-doc.js';

describe('docs/security.md', () => {
  it('is current with the declaration (run `npm run docs:security`)', async () => {
    expect(readFileSync(SECURITY_DOC, 'utf8')).toBe(await securityDoc());
  });

  it('lists every route once, with a mark for each role it admits', async () => {
    const doc = await securityDoc();
    for (const fn of system.functions)
      for (const route of fn.routes ?? []) {
        const row = doc.split('\n').filter((l) => l.startsWith(`| \`${route.method} ${route.path}\``));
        expect(row, `${route.method} ${route.path}`).toHaveLength(1);
        const marks = (row[0]!.match(/✓/g) ?? []).length;
        expect(marks).toBe(route.auth === 'jwt' ? route.roles.length : 0);
      }
  });
});
