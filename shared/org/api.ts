// HTTP contracts for the org tree (组织机构).
import * as z from 'zod';
import { defineRoute } from '#shared/http/contract.js';
import { STAFF } from '#shared/auth/roles.js';
import { ORG_LEVELS, OrgId, type OrgUnit } from './org-unit.js';

export const OrgView = z.object({
  orgId: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentId: z.string().optional(),
  path: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgView = z.output<typeof OrgView>;

/** A unit as the API shows it: the stored record without its storage-only fields (`branchId`). */
export const orgView = ({ orgId, name, level, parentId, path, createdAt, updatedAt }: OrgUnit): OrgView => ({
  orgId,
  name,
  level,
  ...(parentId === undefined ? {} : { parentId }),
  path,
  createdAt,
  updatedAt,
});

export const PutOrg = z.strictObject({
  name: z.string().trim().min(1).max(64),
  level: z.enum(ORG_LEVELS).exclude(['head_office']),
  parentId: OrgId,
});
export type PutOrg = z.infer<typeof PutOrg>;

const OrgParams = z.object({ orgId: OrgId });

export const getOrg = defineRoute({
  method: 'GET',
  path: '/v1/orgs/{orgId}',
  summary: 'An org unit in the caller’s scope',
  auth: 'jwt',
  roles: STAFF,
  params: OrgParams,
  response: OrgView,
});

export const getOrgChildren = defineRoute({
  method: 'GET',
  path: '/v1/orgs/{orgId}/children',
  summary: 'The direct children of an org unit',
  auth: 'jwt',
  roles: STAFF,
  params: OrgParams,
  response: z.object({ items: z.array(OrgView) }),
});

export const putOrg = defineRoute({
  method: 'PUT',
  path: '/v1/orgs/{orgId}',
  summary: 'Create an org unit under a parent, or rename it (parent and level never change)',
  auth: 'jwt',
  roles: ['admin'],
  params: OrgParams,
  body: PutOrg,
  response: OrgView,
});
