// The test step "put and approve": tier policy and trigger rules change under maker-checker (a PUT
// proposes, another admin approves), so a test that needs a policy or a rule in force takes both
// steps. The answer is the approval's (the stored version), or the PUT's when it proposed nothing
// (refused, or the same content as in force).
import type { ApiClient, ApiResponse } from './local-runtime.js';

/** The seeded admins: `admin` and the second one, `admin-2`, each the other's checker. */
export const checkerOf = (maker: string): string => (maker === 'admin' ? 'admin-2' : 'admin');

export const putAndApprove = async (
  api: ApiClient,
  maker: string,
  path: string,
  body: unknown,
  checker: string = checkerOf(maker),
): Promise<ApiResponse> => {
  const proposed = await api.put(maker, path, body);
  if (proposed.status !== 202) return proposed;
  return api.post(checker, `${proposed.headers.get('location')}/approve`);
};
