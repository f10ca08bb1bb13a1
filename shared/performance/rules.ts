// The business rules a registration must meet beyond its shape: suitability (适当性) and who may be
// credited for a customer. Pure.
import { riskRank, type ProductRiskLevel } from '#shared/products/product.js';
import type { Role } from '#shared/auth/caller.js';

/**
 * 适当性: a product's risk level (R1–R5) must not exceed the customer's risk tolerance (C1–C5).
 * R1 (deposits, money market) suits everyone; above R1 a customer without a risk assessment does
 * not qualify.
 */
export const isSuitable = (productRisk: ProductRiskLevel, customerRisk: string | undefined): boolean =>
  riskRank(productRisk) <= 1 ||
  (customerRisk !== undefined && riskRank(productRisk) <= riskRank(customerRisk));

/** Roles that can earn performance credit. */
export const CREDITABLE_ROLES: readonly Role[] = ['rm', 'branch_manager'];

/**
 * May this staff member be credited for a sale to a customer of that org unit? Staff of the customer's
 * org subtree may; so may a branch manager of a unit above it (the subtree is theirs to manage).
 * Anyone in another part of the tree may not.
 */
export const mayBeCredited = (staff: { role: Role; orgPath: string }, customerOrgPath: string): boolean =>
  staff.orgPath.startsWith(customerOrgPath) ||
  (staff.role === 'branch_manager' && customerOrgPath.startsWith(staff.orgPath));
