// What the deployment says about sign-in, from /config.json: the local runtime serves
// `{ "mode": "local" }`; a deployed stack writes the API URL and the OIDC issuer and client.
export type AppConfig =
  | { mode: 'local'; apiUrl?: string }
  | {
      mode: 'oidc';
      apiUrl?: string;
      issuer: string;
      clientId: string;
      scope?: string;
      /** which token the API's JWT authorizer accepts (default access_token) */
      token?: 'access_token' | 'id_token';
    };

export const loadConfig = async (): Promise<AppConfig> => {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as AppConfig;
  if (config.mode !== 'local' && config.mode !== 'oidc') throw new Error('config.json: unknown mode');
  return config;
};
