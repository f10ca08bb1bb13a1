// Platform routes: liveness, the caller, the API description, and the catch-all.
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { EVERY_ROLE } from '#shared/auth/roles.js';
import { ROLES } from '#shared/auth/caller.js';

export const Health = z.object({ status: z.literal('ok'), time: z.string() });

export const getHealth = defineRoute({
  method: 'GET',
  path: '/v1/health',
  summary: 'Liveness',
  auth: 'none',
  response: Health,
});

export const Me = z.object({
  staffId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  orgId: z.string(),
  orgPath: z.string(),
  permissions: z.array(z.string()),
});

export const getMe = defineRoute({
  method: 'GET',
  path: '/v1/me',
  summary: 'The caller: staff, role, org, permissions',
  auth: 'jwt',
  roles: EVERY_ROLE,
  response: Me,
});

export const getOpenApi = defineRoute({
  method: 'GET',
  path: '/v1/openapi.json',
  summary: 'This API described as OpenAPI 3.1, generated from the zod schemas',
  auth: 'none',
  /** The document's outline; each operation is described by OpenAPI itself, not here. */
  response: z.object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string() }),
    servers: z.array(z.object({ url: z.string() })),
    paths: z.record(z.string(), z.record(z.string(), z.looseObject({ summary: z.string() }))),
    components: z.looseObject({ securitySchemes: z.record(z.string(), z.unknown()) }),
  }),
});
