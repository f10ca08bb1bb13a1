// Campaign use cases: create a draft, read within scope, preview the audience, and move through the
// lifecycle with maker-checker: the maker submits, a different user with the right role and scope
// approves or rejects; only approved campaigns send; pause, resume and cancel at any time.
import { auditContext, type RequestContext } from '#shared/request-context.js';
import { auditEntry, changesBetween } from '#shared/audit/audit.js';
import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldError } from '#shared/errors.js';
import { canSeeOrgPath } from '#shared/auth/scope.js';
import type { Caller } from '#shared/auth/caller.js';
import type { PageKey } from '#shared/http/pagination.js';
import { maskPhone } from '#shared/validation/phone.js';
import type { ConsentStore } from '#shared/consent/ports.js';
import type { ProductStore } from '#shared/products/ports.js';
import { consentStanding } from '#shared/consent/consent.js';
import {
  campaignProblems,
  nextStatus,
  type Campaign,
  type CampaignInput,
  type CampaignStatus,
  type LifecycleAction,
} from './campaign.js';
import { checkMarketingTemplate } from './template.js';
import { bankSendWindow } from './window.js';
import { buildAudience, type AudienceDeps } from './audience.js';
import { resolveOrgPaths, sourceOf } from './audience-source.js';
import { consentReason } from './compliance-gate.js';
import { MESSAGE_STATUSES } from './message.js';
import type { CampaignMessageStore, CampaignStore } from './ports.js';
import type { AudiencePreviewBody } from './api.js';

export interface CampaignDeps extends AudienceDeps {
  campaigns: CampaignStore;
  messages: CampaignMessageStore;
  consent: ConsentStore;
  products: Pick<ProductStore, 'get'>;
}

/** Products an audience names must be in the product library: a typo would silently match nobody. */
const unknownProducts = async (products: CampaignDeps['products'], audience: CampaignInput['audience']) => {
  const errors: { path: string; message: string }[] = [];
  for (const field of ['productsHeld', 'productsNotHeld'] as const) {
    const codes = audience[field] ?? [];
    const found = await Promise.all(codes.map((code) => products.get(code)));
    found.forEach((product, i) => {
      if (!product)
        errors.push({ path: `body.audience.${field}.${i}`, message: 'is not a product in the library' });
    });
  }
  return errors;
};

/** The scope inside the caller's, the audience's org units inside the scope, its products known. */
const scopeAndAudienceProblems = async (
  deps: CampaignDeps,
  ctx: Pick<RequestContext, 'caller'>,
  input: Pick<CampaignInput, 'scopeOrgId' | 'audience'>,
) => {
  const errors: FieldError[] = [];
  const scope = await deps.orgs.get(input.scopeOrgId);
  if (!scope || !canSeeOrgPath(ctx.caller, scope.path)) {
    errors.push({ path: 'body.scopeOrgId', message: 'is not an org unit inside your scope' });
  }
  if (scope) errors.push(...(await resolveOrgPaths(deps.orgs, input.audience, scope.path)).errors);
  errors.push(...(await unknownProducts(deps.products, input.audience)));
  return { scope, errors };
};

/** Campaigns are seen by whoever's subtree holds their scope (a branch manager sees their branch's). */
const canSee = (caller: Caller, campaign: Pick<Campaign, 'scopeOrgPath'>) =>
  caller.role !== 'rm' && canSeeOrgPath(caller, campaign.scopeOrgPath);

export const getVisibleCampaign = async (
  campaigns: CampaignStore,
  ctx: Pick<RequestContext, 'caller'>,
  campaignId: string,
): Promise<Campaign> => {
  const campaign = await campaigns.get(campaignId);
  if (!campaign || !canSee(ctx.caller, campaign)) throw new NotFound(`Campaign ${campaignId}`);
  return campaign;
};

export const createCampaign = async (
  deps: CampaignDeps,
  ctx: RequestContext,
  input: CampaignInput,
): Promise<Campaign> => {
  const { scope, errors } = await scopeAndAudienceProblems(deps, ctx, input);
  errors.unshift(...campaignProblems(input, bankSendWindow()));
  if (errors.length) throw new ValidationFailed(errors);
  const at = ctx.clock.now().toISOString();
  const campaign: Campaign = {
    ...input,
    campaignId: ctx.ids.next('CMP'),
    status: 'draft',
    scopeOrgPath: scope!.path,
    makerId: ctx.caller.staffId,
    templateParts: checkMarketingTemplate(input.template.text).parts,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await deps.campaigns.put(
    campaign,
    auditEntry(auditContext(ctx), `campaign#${campaign.campaignId}`, 'campaign.create', {
      changes: changesBetween(undefined, campaign as unknown as Record<string, unknown>),
    }),
  );
  return campaign;
};

export const transitionCampaign = async (
  deps: Pick<CampaignDeps, 'campaigns'>,
  ctx: RequestContext,
  campaignId: string,
  action: LifecycleAction,
  note?: string,
): Promise<Campaign> => {
  const campaign = await getVisibleCampaign(deps.campaigns, ctx, campaignId);
  const { caller } = ctx;
  const isMaker = campaign.makerId === caller.staffId;
  if (action === 'submit' && !isMaker) throw new Forbidden('Only the maker submits a campaign.');
  if ((action === 'approve' || action === 'reject') && isMaker) {
    throw new Forbidden('The maker of a campaign may not approve or reject it (maker-checker).');
  }
  const status = nextStatus(campaign, action);
  if (!status)
    throw new Conflict(
      `A ${campaign.status} campaign cannot be ${action === 'submit' ? 'submitted' : `${action}d`}.`,
    );
  const at = ctx.clock.now().toISOString();
  const decision = { by: caller.staffId, at, ...(note ? { note } : {}) };
  const next: Campaign = {
    ...campaign,
    status,
    updatedAt: at,
    version: campaign.version + 1,
    ...(action === 'submit' ? { submittedAt: at } : {}),
    ...(action === 'approve' ? { approval: decision } : {}),
    ...(action === 'reject' ? { rejection: decision } : {}),
    ...(action === 'pause' ? { pausedFrom: campaign.status as 'approved' | 'running' } : {}),
    ...(action === 'cancel' ? { cancelled: decision } : {}),
  };
  if (action === 'resume') delete next.pausedFrom;
  const written = await deps.campaigns.put(
    next,
    auditEntry(auditContext(ctx), `campaign#${campaignId}`, `campaign.${action}`, {
      changes: { status: { before: campaign.status, after: status } },
      ...(note ? { detail: { note } } : {}),
    }),
    campaign.version,
  );
  if (!written) throw new Conflict('The campaign changed meanwhile; read it again and retry.');
  return next;
};

export const listCampaigns = (
  deps: Pick<CampaignDeps, 'campaigns'>,
  ctx: Pick<RequestContext, 'caller'>,
  query: { limit: number; cursor?: PageKey; status?: CampaignStatus },
) => deps.campaigns.listInScope(ctx.caller.orgPath, query.limit, query.cursor, query.status);

export const campaignFunnel = async (messages: Pick<CampaignMessageStore, 'counts'>, campaign: Campaign) => {
  const counts = await messages.counts(campaign.campaignId);
  const reasons = Object.fromEntries(
    Object.entries(counts)
      .filter(([k]) => k.startsWith('reason:'))
      .map(([k, v]) => [k.slice('reason:'.length), v]),
  );
  const n = (s: string) => counts[s] ?? 0;
  // every message has one status; `sentEver` and `converted` are marks on top of it
  const audience = MESSAGE_STATUSES.reduce((sum, status) => sum + n(status), 0);
  return {
    audience,
    queued: n('queued') + n('sending'),
    suppressed: n('suppressed'),
    /** taken by the provider (delivered, awaiting a receipt, or failed to deliver afterwards) */
    sent: n('sentEver'),
    delivered: n('delivered'),
    failed: n('failed'),
    converted: n('converted'),
    reasons,
  };
};

/** What a preview needs of a campaign, saved or not. */
interface PreviewSubject {
  scopeOrgPath: string;
  audience: Campaign['audience'];
  caps: Campaign['caps'];
  templateParts: number;
}

/** The audience now, without sending: size, who would be suppressed and why, a masked sample, the cost. */
const previewOf = async (
  deps: CampaignDeps,
  ctx: RequestContext,
  subject: PreviewSubject,
  pricePerPartFen: number,
) => {
  const { paths } = await resolveOrgPaths(deps.orgs, subject.audience, subject.scopeOrgPath);
  let size = 0;
  let eligible = 0;
  const suppressed: Record<string, number> = {};
  const sample: { customerId: string; name: string; phone?: string; included: string }[] = [];
  for await (const page of buildAudience(
    deps,
    subject.audience,
    subject.scopeOrgPath,
    paths,
    ctx.clock.now(),
  )) {
    const { consents, phones } = await deps.consent.standings(page.map((m) => m.customer));
    for (const { customer, included } of page) {
      size += 1;
      const standing = consentStanding(
        customer,
        consents.get(customer.customerId),
        customer.phone ? phones.get(customer.phone) : undefined,
      );
      const reason = customer.phone ? consentReason(standing) : 'no_phone';
      if (reason) suppressed[reason] = (suppressed[reason] ?? 0) + 1;
      else eligible += 1;
      if (sample.length < 10) {
        sample.push({
          customerId: customer.customerId,
          name: `${customer.name.slice(0, 1)}${'*'.repeat(Math.max(1, customer.name.length - 1))}`,
          ...(customer.phone ? { phone: maskPhone(customer.phone) } : {}),
          included,
        });
      }
    }
  }
  const limited =
    subject.caps.maxRecipients !== undefined ? Math.min(eligible, subject.caps.maxRecipients) : eligible;
  // which index the audience is read from: a `scope` audience reads its whole scope (see audience.ts)
  const readFrom = sourceOf(subject.audience, subject.scopeOrgPath, paths).kind;
  return {
    size,
    eligible: limited,
    suppressed,
    templateParts: subject.templateParts,
    readFrom,
    sample,
    pricePerPartFen,
    // what the dispatcher will charge if every eligible customer is sent the usual length
    estimatedCostFen: limited * subject.templateParts * pricePerPartFen,
  };
};

/** A saved campaign's audience now (what the checker approves: who, how many, what it costs). */
export const previewCampaign = async (
  deps: CampaignDeps,
  ctx: RequestContext,
  campaignId: string,
  pricePerPartFen: number,
) => {
  const campaign = await getVisibleCampaign(deps.campaigns, ctx, campaignId);
  return { campaignId, ...(await previewOf(deps, ctx, campaign, pricePerPartFen)) };
};

/** The builder's live preview: conditions not yet saved, checked as a save would check them. */
export const previewAudience = async (
  deps: CampaignDeps,
  ctx: RequestContext,
  input: AudiencePreviewBody,
  pricePerPartFen: number,
) => {
  const { scope, errors } = await scopeAndAudienceProblems(deps, ctx, input);
  if (errors.length) throw new ValidationFailed(errors);
  const templateParts = input.template ? checkMarketingTemplate(input.template.text).parts : 0;
  return previewOf(
    deps,
    ctx,
    { scopeOrgPath: scope!.path, audience: input.audience, caps: input.caps, templateParts },
    pricePerPartFen,
  );
};
