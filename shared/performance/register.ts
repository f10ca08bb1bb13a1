// 业绩登记: register a sale from any channel into the ledger. Idempotent per channel + externalRef:
// the same registration again returns the one recorded (200); the same key with other content is a
// conflict naming every differing field (409). Two identical requests at once write one entry: the
// key, the entry and its postings are one transaction, and only one can take the key.
// Checks: the customer (in the caller's scope) and product exist; every credited staff member is an
// active RM or branch manager on the customer's part of the org tree; the product was on sale that
// day; the product's risk suits the customer unless an override reason is given (audited).
import { Conflict, ValidationFailed, type FieldError } from '#shared/errors.js';
import { canSeeCustomer } from '#shared/auth/scope.js';
import { auditEntry } from '#shared/audit/audit.js';
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { businessDateOf } from '#shared/clock.js';
import type { CustomerStore } from '#shared/customers/ports.js';
import type { StaffStore } from '#shared/staff/ports.js';
import type { ProductStore } from '#shared/products/ports.js';
import { isOnSale } from '#shared/products/product.js';
import { effectiveWeight } from '#shared/products/weight.js';
import type { RegisterPerformance } from './api.js';
import type { CampaignAttribution } from './attribution.js';
import { postingsOf, type LedgerEntry } from './entry.js';
import { pointsOf, splitByShares } from './exact.js';
import type { EntryRef, LedgerStore } from './ports.js';
import { registrationRef } from './refs.js';
import { CREDITABLE_ROLES, isSuitable, mayBeCredited } from './rules.js';
import { canSeeEntry } from './scope.js';

export interface RegisterDeps {
  ledger: LedgerStore;
  customers: Pick<CustomerStore, 'get'>;
  staff: Pick<StaffStore, 'get'>;
  products: Pick<ProductStore, 'get' | 'categoryWeight'>;
  attribution: CampaignAttribution;
}

/** Clocks of channel systems drift; a sale a few minutes "ahead" of ours is still a sale. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Staff register through the RM workbench; the other channels are systems posting under their login. */
const STAFF_CHANNEL = 'workbench';

export const registerPerformance = async (
  deps: RegisterDeps,
  ctx: RequestContext,
  input: RegisterPerformance,
): Promise<{ created: boolean; entry: LedgerEntry }> => {
  const refKey = registrationRef(input.channel, input.externalRef);
  // the key and what the checks need, read at once: a retry is answered from the key alone
  const [known, facts] = await Promise.all([deps.ledger.ref(refKey), readFacts(deps, input)]);
  if (known) return { created: false, entry: await sameRegistration(deps, ctx, known, input) };

  const entry = await newRegistration(deps, ctx, input, facts);
  const ref: EntryRef = {
    refKey,
    entryId: entry.entryId,
    recordedAt: entry.recordedAt,
    recordedBy: entry.recordedBy,
  };
  const audit =
    entry.suitability === 'overridden'
      ? auditEntry(auditContext(ctx), `performance#${entry.entryId}`, 'performance.suitability-override', {
          detail: {
            customerId: entry.customerId,
            productId: entry.productId,
            productRiskLevel: entry.productRiskLevel,
            customerRiskLevel: entry.customerRiskLevel ?? null,
            reason: entry.suitabilityOverride?.reason,
          },
        })
      : undefined;
  const outcome = await deps.ledger.append(entry, ref, postingsOf(entry), audit);
  if (outcome.kind === 'written') return { created: true, entry };
  // a concurrent duplicate took the key first: nothing of ours was written
  return { created: false, entry: await sameRegistration(deps, ctx, outcome.ref, input) };
};

const readFacts = async (deps: RegisterDeps, input: RegisterPerformance) => {
  const [customer, product, staff] = await Promise.all([
    deps.customers.get(input.customerId),
    deps.products.get(input.productId),
    Promise.all(input.credits.map((c) => deps.staff.get(c.staffId))),
  ]);
  return { customer, product, staff };
};

const newRegistration = async (
  deps: RegisterDeps,
  ctx: RequestContext,
  input: RegisterPerformance,
  { customer, product, staff }: Awaited<ReturnType<typeof readFacts>>,
): Promise<LedgerEntry> => {
  const { caller } = ctx;
  const now = ctx.clock.now();
  const errors: FieldError[] = [];
  if ((caller.role === 'rm' || caller.role === 'branch_manager') && input.channel !== STAFF_CHANNEL) {
    errors.push({ path: 'body.channel', message: `staff register through the ${STAFF_CHANNEL} channel` });
  }
  if (Date.parse(input.occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS) {
    errors.push({ path: 'body.occurredAt', message: 'is in the future' });
  }
  if (!customer || !canSeeCustomer(caller, customer)) {
    errors.push({ path: 'body.customerId', message: 'is not a customer in your scope' });
  }
  if (!product) errors.push({ path: 'body.productId', message: 'is not a product in the library' });
  staff.forEach((member, i) => {
    if (!member || !member.active || !CREDITABLE_ROLES.includes(member.role)) {
      errors.push({
        path: `body.credits.${i}.staffId`,
        message: 'is not an active relationship manager or branch manager',
      });
    }
  });
  if (errors.length > 0 || !customer || !product) throw new ValidationFailed(errors);

  const businessDate = businessDateOf(new Date(input.occurredAt));
  const conflicts: FieldError[] = [];
  staff.forEach((member, i) => {
    if (member && !mayBeCredited(member, customer.orgPath)) {
      conflicts.push({
        path: `body.credits.${i}.staffId`,
        message: `works outside the org subtree of the customer’s unit ${customer.orgId}`,
      });
    }
  });
  if (!isOnSale(product, businessDate)) {
    conflicts.push({
      path: 'body.productId',
      message: `was not on sale on ${businessDate} (on sale ${product.saleStart} to ${product.saleEnd ?? 'open-ended'})`,
    });
  }
  const suitable = isSuitable(product.riskLevel, customer.riskLevel);
  if (!suitable && !input.suitabilityOverride) {
    conflicts.push({
      path: 'body.productId',
      message: `risk level ${product.riskLevel} exceeds the customer’s risk tolerance ${customer.riskLevel ?? '(not assessed)'}; give suitabilityOverride.reason to register it anyway`,
    });
  }
  if (conflicts.length > 0)
    throw new Conflict('The registration breaks a business rule; nothing was written.', conflicts);

  const weight = effectiveWeight(
    product,
    product.weightBp === undefined ? await deps.products.categoryWeight(product.category) : undefined,
  );
  const points = pointsOf(input.amountFen, weight.weightBp);
  const shares = input.credits.map((c) => c.sharePct);
  const amounts = splitByShares(input.amountFen, shares);
  const pointParts = splitByShares(points, shares);
  const attributed = input.campaignId
    ? { campaignId: input.campaignId, attribution: 'channel' as const }
    : await deps.attribution
        .attribute({
          customerId: customer.customerId,
          productId: product.productId,
          category: product.category,
          occurredAt: input.occurredAt,
        })
        .then((found) => (found ? { campaignId: found.campaignId, attribution: 'window' as const } : {}));
  const entryId = ctx.ids.next('P');
  const recordedAt = now.toISOString();
  return {
    entryId,
    kind: 'registration',
    registrationId: entryId,
    channel: input.channel,
    externalRef: input.externalRef,
    customerId: customer.customerId,
    customerOrgId: customer.orgId,
    customerOrgPath: customer.orgPath,
    customerManagerId: customer.managerId,
    ...(customer.riskLevel ? { customerRiskLevel: customer.riskLevel } : {}),
    productId: product.productId,
    productName: product.name,
    category: product.category,
    productRiskLevel: product.riskLevel,
    suitability: suitable ? 'suitable' : 'overridden',
    weightBp: weight.weightBp,
    weightSource: weight.source,
    amountFen: input.amountFen,
    points,
    credits: input.credits.map((c, i) => ({
      staffId: c.staffId,
      staffName: staff[i]!.name,
      sharePct: c.sharePct,
      amountFen: amounts[i]!,
      points: pointParts[i]!,
      orgId: staff[i]!.orgId,
      orgPath: staff[i]!.orgPath,
    })),
    occurredAt: input.occurredAt,
    businessDate,
    ...attributed,
    ...(input.suitabilityOverride
      ? { suitabilityOverride: { reason: input.suitabilityOverride.reason } }
      : {}),
    recordedBy: caller.staffId,
    recordedAt,
    correlationId: ctx.correlationId,
    customerKey: `${input.occurredAt}#${entryId}`,
  };
};

const creditsKey = (credits: readonly { staffId: string; sharePct: number }[]) =>
  credits
    .map((c) => `${c.staffId}:${c.sharePct}`)
    .sort()
    .join(',');

/** What the sender sent, compared with what was recorded under the same key. */
export const registrationDifferences = (entry: LedgerEntry, input: RegisterPerformance): FieldError[] => {
  const recorded: Record<string, unknown> = {
    customerId: entry.customerId,
    productId: entry.productId,
    amountFen: entry.amountFen,
    credits: creditsKey(entry.credits),
    occurredAt: entry.occurredAt,
    campaignId: entry.attribution === 'channel' ? entry.campaignId : undefined,
    suitabilityOverride: entry.suitabilityOverride?.reason,
  };
  const sent: Record<string, unknown> = {
    customerId: input.customerId,
    productId: input.productId,
    amountFen: input.amountFen,
    credits: creditsKey(input.credits),
    occurredAt: input.occurredAt,
    campaignId: input.campaignId,
    suitabilityOverride: input.suitabilityOverride?.reason,
  };
  return Object.keys(recorded)
    .filter((field) => recorded[field] !== sent[field])
    .map((field) => ({
      path: `body.${field}`,
      message: 'differs from the registration recorded under this channel and externalRef',
    }));
};

const sameRegistration = async (
  deps: RegisterDeps,
  ctx: RequestContext,
  ref: EntryRef,
  input: RegisterPerformance,
) => {
  const entry = await deps.ledger.entry(ref.entryId);
  if (!entry) throw new Error(`ledger key ${ref.refKey} points at a missing entry ${ref.entryId}`);
  if (!canSeeEntry(ctx.caller, entry)) {
    // someone else's sale: say the key is taken, show nothing of it
    throw new Conflict(`${input.channel} registered ${input.externalRef} before.`, [
      { path: 'body.externalRef', message: 'is registered already on this channel' },
    ]);
  }
  const differences = registrationDifferences(entry, input);
  if (differences.length > 0) {
    throw new Conflict(
      `${input.channel} registered ${input.externalRef} before with other content (registration ${entry.entryId}); nothing was written.`,
      differences,
    );
  }
  return entry;
};
