// The tier policy screen's types, from the zod contracts (types only).
import type * as z from 'zod';
import type { TierPolicyView } from '#shared/tiering/api.js';
import type { TierPolicyInput } from '#shared/tiering/policy-input.js';
import type { TierPolicyPreview } from '#shared/tiering/preview-api.js';
import type { Change } from '#shared/maker-checker/ports.js';

export type Policy = z.output<typeof TierPolicyView>;
export type PolicyInput = z.input<typeof TierPolicyInput>;
export type Preview = z.output<typeof TierPolicyPreview>;
export type PolicyChange = Change<z.output<typeof TierPolicyInput>>;
