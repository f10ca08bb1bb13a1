// The allocation screens' request and response types, from the zod contracts (types only: nothing of
// the server is bundled).
import type * as z from 'zod';
import type {
  AllocationPreviewView,
  AllocationTarget,
  AllocationView,
  CreateAllocation,
  TransferView,
} from '#shared/allocations/api.js';
import type { AllocationStatus } from '#shared/allocations/allocation.js';

export type Allocation = z.output<typeof AllocationView>;
export type AllocationPreview = z.output<typeof AllocationPreviewView>;
export type Moving = AllocationPreview['total'];
export type Target = z.input<typeof AllocationTarget>;
export type NewAllocation = z.input<typeof CreateAllocation>;
export type Transfer = z.output<typeof TransferView>;
export type { AllocationStatus };
