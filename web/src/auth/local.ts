// Local sign-in: the local runtime issues a token for a staff id (POST /_local/auth/token, loopback
// only) and lists its demo logins. Neither exists when deployed.
import { ApiError, problemFrom } from '../api/problem';

export interface DemoLogin {
  staffId: string;
  name: string;
  role: string;
  orgName: string;
}

export const localToken = async (staffId: string): Promise<{ token: string; expiresAt: string }> => {
  const response = await fetch('/_local/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId }),
  });
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as { token: string; expiresAt: string };
};

export const demoLogins = async (): Promise<DemoLogin[]> => {
  const response = await fetch('/_local/auth/logins');
  if (!response.ok) throw new ApiError(response.status, response.statusText, '');
  return ((await response.json()) as { items: DemoLogin[] }).items;
};
