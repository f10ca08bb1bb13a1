// The org tree (组织机构): head office (总行) → branch (一级分行) → city branch (二级分行) →
// sub-branch (支行) → outlet (网点). Each unit carries its materialised path, so "is X inside the
// subtree of Y" is a prefix test and a subtree can be queried by prefix.
import * as z from 'zod';

export const ORG_LEVELS = ['head_office', 'branch', 'city_branch', 'sub_branch', 'outlet'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const OrgId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32');

export const OrgUnitRecord = z.object({
  orgId: OrgId,
  name: z.string().min(1),
  level: z.enum(ORG_LEVELS),
  parentId: OrgId.optional(),
  /** `/HO/BJ/BJ-CY/`: the ids from the head office down to this unit, each followed by `/`. */
  path: z.string(),
  /** The branch this unit belongs to (the head office's own id for the head office). */
  branchId: OrgId,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgUnit = z.infer<typeof OrgUnitRecord>;

export const childPath = (parent: Pick<OrgUnit, 'path'>, orgId: string): string => `${parent.path}${orgId}/`;

/** The branch of a path: its second segment, or the head office itself. */
export const branchOfPath = (path: string): string => {
  const segments = path.split('/').filter(Boolean);
  return segments[1] ?? segments[0] ?? '';
};

export const isWithin = (path: string, scopePath: string): boolean => path.startsWith(scopePath);

/** A child must sit strictly lower in the hierarchy than its parent (levels may be skipped). */
export const levelFitsUnder = (child: OrgLevel, parent: OrgLevel): boolean =>
  ORG_LEVELS.indexOf(child) > ORG_LEVELS.indexOf(parent);
