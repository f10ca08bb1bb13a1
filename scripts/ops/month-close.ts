// `month-close run|status <YYYY-MM>`. Run: the coordinator function (`tiering-month-close`) invoked
// with `{ "month": … }`, as shared/tiering/README.md documents, synchronously so its answer (the
// pass and the segments issued) is printed. Status: the month's run records, read with the tiering
// adapter (what GET /v1/tier-month-close/{month} answers), so it needs no staff token.
import type { MonthCloseProgress } from '#shared/tiering/api.js';
import type { OpsClients } from './clients.js';
import { invokeWith } from '#shared/adapters/lambda-invoke.js';
import { functionOf, type Inventory } from './inventory.js';
import { monthCloseOf } from './status.js';

export const MONTH_CLOSE_FUNCTION = 'tiering-month-close';

/** The coordinator's event for one month (functions/tiering/month-close.ts parses it). */
export const monthCloseEvent = (month: string, totalSegments?: number) => ({
  month,
  ...(totalSegments ? { totalSegments } : {}),
});

export const runMonthClose = async (
  clients: Pick<OpsClients, 'lambda'>,
  inventory: Inventory,
  month: string,
  totalSegments?: number,
): Promise<unknown> =>
  invokeWith(
    clients.lambda,
    functionOf(inventory, MONTH_CLOSE_FUNCTION).physicalName,
  )(monthCloseEvent(month, totalSegments));

export const monthCloseStatus = (
  clients: Pick<OpsClients, 'dynamodb'>,
  inventory: Inventory,
  month: string,
): Promise<MonthCloseProgress | undefined> => monthCloseOf(clients.dynamodb, inventory, month);
