// The queue of one campaign as one stream the dispatch's workers pull from, each message with its
// customer and their consent standing as read with the page.
import type { Clock } from '#shared/clock.js';
import { consentStanding } from '#shared/consent/consent.js';
import type { Customer } from '#shared/customers/customer.js';
import type { Campaign } from './campaign.js';
import type { DispatchDeps } from './dispatch-context.js';
import type { CampaignMessage } from './message.js';

export type Standing = ReturnType<typeof consentStanding> | undefined;

export interface FeedItem {
  message: CampaignMessage;
  customer: Customer | undefined;
  standing: Standing;
}

/**
 * The queue of one campaign as one stream the workers pull from, a page read ahead: no worker
 * waits for the others to finish a batch (a barrier idles the pacer at every batch end). A pause or
 * cancel stops the next sends: the campaign is read again as each page is started. At the end of a
 * pass, once more from the start (messages put back after a throttle) unless the pass sent nothing.
 */
export const messageFeed = (
  deps: Pick<DispatchDeps, 'campaigns' | 'messages' | 'customers' | 'consent'>,
  campaign: Campaign,
  clock: Clock,
  size: number,
) => {
  const readPage = async (after?: string) => {
    const raw = await deps.messages.queue(campaign.campaignId, 'queued', size, after);
    const due = raw.filter((m) => !m.notBefore || Date.parse(m.notBefore) <= clock.now().getTime());
    const customers = await Promise.all(due.map((m) => deps.customers.get(m.customerId)));
    const known = customers.filter((c): c is Customer => c !== undefined);
    const { consents, phones } = await deps.consent.standings(known);
    const byId = new Map(known.map((c) => [c.customerId, c]));
    const items = due.map((message): FeedItem => {
      const customer = byId.get(message.customerId);
      const standing = customer
        ? consentStanding(
            customer,
            consents.get(customer.customerId),
            customer.phone ? phones.get(customer.phone) : undefined,
          )
        : undefined;
      return { message, customer, standing };
    });
    return { items, last: raw.at(-1)?.customerId, after };
  };
  const from = (after?: string) => {
    const read = readPage(after);
    // read ahead: a failure surfaces where it is awaited, not as an unhandled rejection meanwhile
    read.catch(() => undefined);
    return read;
  };
  let upcoming = from();
  let current: FeedItem[] = [];
  let progressed = false;
  let done = false;
  const pull = async (): Promise<FeedItem | undefined> => {
    while (!done) {
      const item = current.shift();
      if (item) return item;
      const page = await upcoming;
      if (page.last === undefined) {
        if (page.after === undefined || !progressed) {
          done = true;
          return undefined;
        }
        progressed = false;
        upcoming = from();
        continue;
      }
      upcoming = from(page.last);
      if (page.items.length === 0) continue; // this page waits for its notBefore
      const fresh = await deps.campaigns.get(campaign.campaignId);
      if (fresh?.status !== 'running') {
        done = true;
        return undefined;
      }
      progressed = true;
      current = page.items;
    }
    return undefined;
  };
  // one puller at a time: pages are taken in order and each item goes to exactly one worker
  let turn: Promise<unknown> = Promise.resolve();
  return {
    next: (): Promise<FeedItem | undefined> => {
      const mine = turn.then(pull);
      turn = mine.catch(() => undefined);
      return mine;
    },
    /** A read in flight when the workers stop is not needed. */
    close: async () => {
      done = true;
      await upcoming.catch(() => undefined);
    },
  };
};
