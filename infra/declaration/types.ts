// The one declaration of tables, functions and their triggers. The CDK stack (infra/stack.ts) and
// the local runtime (infra/local/) both read it, so what runs locally is what deploys.
// Pure data: no aws-cdk-lib import here, so handlers and the local runtime can load it cheaply.
import type { RouteContract } from '#shared/http/contract.js';
export { tableEnvName } from '#shared/adapters/tables.js';

export type AttributeType = 'S' | 'N';
export interface KeyAttribute {
  name: string;
  type: AttributeType;
}

export interface GlobalIndexDeclaration {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export type StreamView = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';

export interface TableDeclaration {
  /** Logical id, kebab-case: `customers`. Physical name = prefix + id. */
  id: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalIndexes?: GlobalIndexDeclaration[];
  stream?: StreamView;
  timeToLiveAttribute?: string;
  /**
   * Items are only ever added, never changed or removed (the audit trail): functions may hold only
   * `read` or `append` on it, and every function role is explicitly denied updates and deletes.
   */
  appendOnly?: boolean;
}

/** EventBridge-style filter pattern on a stream record (Lambda event filtering). */
export type FilterPattern = Record<string, unknown>;

export interface StreamTrigger {
  kind: 'stream';
  table: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  maxBatchingWindowSeconds: number;
  filters?: FilterPattern[];
  bisectOnError: boolean;
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  /**
   * Batches of one shard processed at once (1–10; default 1), as in AWS and by the local poller:
   * records of one item (its key) in stream order, never in two batches in flight. Raise it only
   * where the consumer needs order per item and nothing more (not per customer across items).
   */
  parallelizationFactor?: number;
  /** Always true here: handlers report `batchItemFailures`. */
  reportBatchItemFailures: true;
  /** Where a batch goes after its retries: an SQS queue in AWS, the dead-letter store locally. */
  onFailure: 'dead-letter-queue';
}

export interface ScheduleTrigger {
  kind: 'schedule';
  /** Unique schedule name, used by `POST /_local/schedules/{name}/run`. */
  name: string;
  /** EventBridge Scheduler cron: `cron(minutes hours day-of-month month day-of-week year)`. */
  cron: string;
  timezone: 'Asia/Shanghai';
  description: string;
}

/**
 * What a function may do to a table's items. `append`: add new items only — PutItem (conditional on
 * the key being new, which the writer's code states) and ConditionCheckItem inside a transaction;
 * no UpdateItem, DeleteItem or BatchWriteItem (whose puts cannot carry a condition).
 */
export type TableAccess = 'read' | 'write' | 'read-write' | 'append';

/** The stream mappings' dead letters: `list` peeks at their queues, `replay` also replays them. */
export type DeadLetterAccess = 'list' | 'replay';

export interface FunctionDeclaration {
  /** Unique kebab-case name: `customers-create`. */
  name: string;
  /**
   * The capability it belongs to (`tiering`, `campaigns`, …); it deploys in that capability's nested
   * stack, which keeps every stack under CloudFormation's 500 resources. `platform` when absent.
   */
  capability?: string;
  /** Source file relative to the repository root, exporting `handler`. */
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Tables the function uses: an env var `OCRM_TABLE_<ID>` and the matching IAM grant. */
  tables: Record<string, TableAccess>;
  /** Publishes SMS through the provider port (SNS Publish). */
  sendsSms?: boolean;
  /**
   * Puts objects under `audit/` in the audit archive bucket (S3, Object Lock in compliance mode):
   * PutObject only, its name in `OCRM_AUDIT_ARCHIVE_BUCKET`.
   */
  writesAuditArchive?: boolean;
  /**
   * Reads the stream mappings' dead-letter queues (the dead-letters API): every mapping's queue and
   * consumer in `OCRM_DEAD_LETTER_QUEUES`, and the grants `access` needs on them.
   */
  deadLetters?: DeadLetterAccess;
  environment?: Record<string, string>;
  routes?: RouteContract[];
  /** Serves every request no route matches (`$default`): 404, or 405 for a known path. */
  catchAllRoute?: boolean;
  streams?: StreamTrigger[];
  schedules?: ScheduleTrigger[];
}

export interface SystemDeclaration {
  tables: TableDeclaration[];
  functions: FunctionDeclaration[];
}
