// A small history router: the path is the state; links push it, the back button pops it.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

export const navigate = (path: string, options: { replace?: boolean } = {}): void => {
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
  window.scrollTo(0, 0);
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const usePath = (): string => useSyncExternalStore(subscribe, () => location.pathname);

/** `/customers/{id}` against `/customers/C0000001` → `{ id: 'C0000001' }`; undefined when it does not match. */
export const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/\{(\w+)\}/g, (_w, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  const match = regex.exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
};
