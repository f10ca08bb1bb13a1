// What the usage use cases are given: the usage marks' store (DynamoDB adapter in dynamo-usage.ts).
import type { UsageMark } from './session.js';

export interface UsageStore {
  /** An idempotent overwrite: the same mark again changes nothing. */
  mark(mark: UsageMark): Promise<void>;
  month(staffId: string, month: string): Promise<UsageMark[]>;
}
