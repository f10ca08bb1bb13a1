// The signed-in session: the bearer token and when the person last did something. Kept in memory
// and sessionStorage (a reload in the same tab stays signed in; closing the tab forgets it) — never
// localStorage. Sign-out clears both.

export interface Session {
  token: string;
  /** ms since epoch: when the token stops being valid */
  expiresAt: number;
}

const KEY = 'ocrm.session';
const ACTIVITY_KEY = 'ocrm.lastActivity';
/** 15 minutes without a key, click or touch signs out. */
export const IDLE_LIMIT_MS = 15 * 60 * 1000;

let current: Session | undefined;
const listeners = new Set<() => void>();

const read = (): Session | undefined => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return stored && typeof stored.token === 'string' ? stored : undefined;
  } catch {
    return undefined;
  }
};

const valid = (session: Session | undefined, now = Date.now()): Session | undefined => {
  if (!session || session.expiresAt <= now) return undefined;
  const last = Number(sessionStorage.getItem(ACTIVITY_KEY) ?? 0);
  return now - last < IDLE_LIMIT_MS ? session : undefined;
};

export const getSession = (): Session | undefined => (current ??= valid(read()));

export const signedIn = (session: Session): void => {
  current = session;
  sessionStorage.setItem(KEY, JSON.stringify(session));
  touch();
  listeners.forEach((l) => l());
};

/** Forget everything this tab knows about the person (token, activity, cached answers via listeners). */
export const clearSession = (): void => {
  current = undefined;
  sessionStorage.clear();
  listeners.forEach((l) => l());
};

export const touch = (now = Date.now()): void => sessionStorage.setItem(ACTIVITY_KEY, String(now));

export const idleFor = (now = Date.now()): number => now - Number(sessionStorage.getItem(ACTIVITY_KEY) ?? 0);

export const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The `exp` of a JWT in ms (no verification: the API verifies; this only schedules the sign-out). */
export const tokenExpiry = (token: string): number => {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
    };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
};
