// Who is signed in: the session token, the caller (`GET /v1/me`), sign-in (local or OIDC) and
// sign-out, and the 15-minute idle sign-out. Sign-out clears the token and every cached answer.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, configureApi } from '../api/client';
import type { MeView } from '../api/types';
import type { AppConfig } from './config';
import { localToken } from './local';
import {
  IDLE_LIMIT_MS,
  clearSession,
  getSession,
  idleFor,
  signedIn,
  subscribe,
  tokenExpiry,
  touch,
  type Session,
} from './session';

export type SignOutReason = 'user' | 'idle' | 'expired';

interface Auth {
  config: AppConfig;
  session: Session | undefined;
  me: MeView | undefined;
  meError: unknown;
  signInLocal(staffId: string): Promise<void>;
  signOut(reason?: SignOutReason): void;
  /** why the last session ended (shown on the sign-in page) */
  endedBecause: SignOutReason | undefined;
}

const AuthContext = createContext<Auth | undefined>(undefined);

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const IDLE_CHECK_MS = 15_000;

export const AuthProvider = ({ config, children }: { config: AppConfig; children: ReactNode }) => {
  const queries = useQueryClient();
  const session = useSyncExternalStore(subscribe, getSession);
  const [endedBecause, setEndedBecause] = useState<SignOutReason>();

  const signOut = useCallback(
    (reason: SignOutReason = 'user') => {
      setEndedBecause(reason);
      clearSession();
      queries.clear();
      if (config.mode === 'oidc') void import('./oidc').then((m) => m.endSession(config));
    },
    [config, queries],
  );

  useEffect(
    () => configureApi({ baseUrl: config.apiUrl ?? '', onUnauthorized: () => signOut('expired') }),
    [config, signOut],
  );

  // Idle: any key, click, touch or scroll counts as activity; 15 minutes without any signs out.
  useEffect(() => {
    if (!session) return;
    let last = 0;
    const active = () => {
      const now = Date.now();
      if (now - last > 1000) touch((last = now));
    };
    ACTIVITY.forEach((e) => window.addEventListener(e, active, { passive: true }));
    const check = () => {
      if (idleFor() >= IDLE_LIMIT_MS) signOut('idle');
      else if (session.expiresAt <= Date.now()) signOut('expired');
    };
    const timer = window.setInterval(check, IDLE_CHECK_MS);
    document.addEventListener('visibilitychange', check);
    return () => {
      ACTIVITY.forEach((e) => window.removeEventListener(e, active));
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [session, signOut]);

  const me = useQuery({
    queryKey: ['me', session?.token],
    queryFn: () => api.get<MeView>('/v1/me'),
    enabled: !!session,
    staleTime: 5 * 60_000,
    retry: false,
  });

  // The token is kept only once the API knows the person (an unknown or inactive staff id is refused).
  const signInLocal = useCallback(
    async (staffId: string) => {
      const { token } = await localToken(staffId);
      const response = await fetch(`${config.apiUrl ?? ''}/v1/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok)
        throw new ApiError(response.status, 'Unknown staff', '', [{ path: 'body.staffId', message: '' }]);
      queries.setQueryData(['me', token], await response.json());
      setEndedBecause(undefined);
      signedIn({ token, expiresAt: tokenExpiry(token) });
    },
    [config, queries],
  );

  const value = useMemo<Auth>(
    () => ({ config, session, me: me.data, meError: me.error, signInLocal, signOut, endedBecause }),
    [config, session, me.data, me.error, signInLocal, signOut, endedBecause],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
};

export const useAuth = (): Auth => {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
};

/** After the identity provider redirects back: exchange the code, keep the token, go home. */
export const completeOidcSignIn = async (config: Extract<AppConfig, { mode: 'oidc' }>): Promise<void> => {
  const { finishSignIn } = await import('./oidc');
  const { token, expiresAt } = await finishSignIn(config);
  signedIn({ token, expiresAt: expiresAt || tokenExpiry(token) });
};
