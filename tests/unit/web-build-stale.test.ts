// The web build is stale when anything it bundles is newer than web/dist: its own sources, and the
// shared domain it imports (a send window's default once stayed 21:00 in a build older than shared/).
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webBuildStale } from '#infra/local/web-build.js';

const tree = () => {
  const root = mkdtempSync(join(tmpdir(), 'web-build-'));
  const web = join(root, 'web');
  const shared = join(root, 'shared');
  for (const dir of [join(web, 'src'), join(web, 'dist'), shared]) mkdirSync(dir, { recursive: true });
  const file = (path: string, secondsAgo: number) => {
    writeFileSync(path, 'x');
    const at = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(path, at, at);
    utimesSync(dirname(path), at, at); // a folder's own time moves when a file is made in it
  };
  return { web, shared, file };
};

describe('webBuildStale', () => {
  it('is stale without a build', () => {
    const { web, shared } = tree();
    expect(webBuildStale(web, shared)).toBe(true);
  });

  it('is current when the build is newer than the web sources and shared/', () => {
    const { web, shared, file } = tree();
    file(join(web, 'src', 'main.tsx'), 120);
    file(join(shared, 'window.ts'), 120);
    file(join(web, 'dist', 'index.html'), 60);
    expect(webBuildStale(web, shared)).toBe(false);
  });

  it('is stale when a web source is newer than the build', () => {
    const { web, shared, file } = tree();
    file(join(web, 'dist', 'index.html'), 120);
    file(join(web, 'src', 'main.tsx'), 60);
    expect(webBuildStale(web, shared)).toBe(true);
  });

  it('is stale when only shared/ changed after the build', () => {
    const { web, shared, file } = tree();
    file(join(web, 'src', 'main.tsx'), 180);
    file(join(web, 'dist', 'index.html'), 120);
    file(join(shared, 'window.ts'), 60);
    expect(webBuildStale(web, shared)).toBe(true);
  });
});
