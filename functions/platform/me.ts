import { http } from '#shared/http/http.js';
import { getMe } from '#shared/platform/api.js';
import { permissionsOf } from '#shared/auth/permissions.js';

export const handler = http(getMe, async ({ caller }) => ({
  status: 200,
  body: { ...caller, permissions: permissionsOf(caller.role) },
}));
