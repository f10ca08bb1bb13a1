// Deployed sign-in: OIDC authorization code + PKCE (oidc-client-ts) against the configured issuer;
// its state lives in sessionStorage. Loaded only when config.json says `oidc`.
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AppConfig } from './config';

type OidcConfig = Extract<AppConfig, { mode: 'oidc' }>;

export const CALLBACK_PATH = '/auth/callback';

const manager = (config: OidcConfig) =>
  new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope ?? 'openid profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });

export const startSignIn = (config: OidcConfig): Promise<void> => manager(config).signinRedirect();

export const finishSignIn = async (config: OidcConfig): Promise<{ token: string; expiresAt: number }> => {
  const user: User = await manager(config).signinRedirectCallback();
  const token = config.token === 'id_token' ? user.id_token : user.access_token;
  if (!token) throw new Error('the identity provider returned no token');
  return { token, expiresAt: (user.expires_at ?? 0) * 1000 };
};

export const endSession = async (config: OidcConfig): Promise<void> => {
  await manager(config).removeUser();
};
