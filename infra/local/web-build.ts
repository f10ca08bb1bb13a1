// `npm start` builds the web workbench when web/dist is missing or older than its sources: a walk
// of mtimes (a few ms), so starts after the first are as fast as before.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './invoke.js';

const web = join(repositoryRoot, 'web');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'public'];
/** The domain the web app imports (its contracts, money, send windows): a change there changes the bundle too. */
const SHARED = join(repositoryRoot, 'shared');

const newestMtime = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
};

/** Is web/dist missing, or older than anything under web/src, shared/ or the build's own files? */
export const webBuildStale = (root = web, shared = SHARED): boolean => {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [...SOURCES.map((s) => join(root, s)), shared].some((path) => newestMtime(path) > built);
};

/** Builds web/dist with Vite when stale; resolves to whether it built. */
export const ensureWebBuilt = async (options: { log?: (line: string) => void; force?: boolean } = {}) => {
  if (!options.force && !webBuildStale()) return false;
  const started = performance.now();
  options.log?.('web: building the workbench (web/dist is missing or older than its sources)…');
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
  options.log?.(`web: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
};
