// The demo transaction feed: plausible transactions posted as core banking (`core-banking`) to
// POST /v1/transactions at a steady rate, so a newcomer sees tiers move within a minute. Most are
// everyday (salary, spending, moving money into wealth, time deposits, insurance); some are large
// inflows from other banks (他行转入) big enough to guarantee a higher tier the moment they land.
// Seeded: the same seed and clock give the same transactions.
import type { Clock } from '#shared/clock.js';
import { businessDateOf } from '#shared/clock.js';
import { seededRandom, type Random } from './seed/demo-bank.js';

export interface FeedTransaction {
  transactionId: string;
  customerId: string;
  accountId: string;
  assetClass: 'deposit' | 'time_deposit' | 'wealth' | 'fund' | 'insurance';
  amountFen: number;
  direction: 'in' | 'out';
  channel: 'counter' | 'mobile' | 'online' | 'pos' | 'batch';
  counterpartyBank?: string;
  counterpartyName?: string;
  category: 'salary' | 'consumption' | 'investment' | 'transfer' | 'transfer_to_self';
  bookedAt: string;
  businessDate: string;
}

export interface TransactionFeedOptions {
  /** The running API (`runtime.url`) and a bearer token of `core-banking`, or … */
  url?: string;
  token?: string | (() => Promise<string>);
  /** … a function that posts one batch (it should throw on a non-2xx answer). */
  post?: (transactions: FeedTransaction[]) => Promise<void>;
  /** Transactions a second (default 5). */
  ratePerSecond?: number;
  /** The customers to move: demo customer ids (`C0000001` …). */
  customers: readonly string[];
  /** Business dates and booking times come from it (the runtime's clock, `--now` included). */
  clock: Clock;
  seed?: number | string;
  /** Share of transactions that are large inflows (default 0.1). */
  largeShare?: number;
  onError?: (error: Error) => void;
}

export interface TransactionFeedStats {
  posted: number;
  batches: number;
  failedBatches: number;
  large: number;
}

export interface TransactionFeed {
  stats(): TransactionFeedStats;
  stop(): Promise<void>;
}

const TICK_MS = 250;
const YUAN = 100;
const OTHER_BANKS = ['招商银行', '建设银行', '农业银行', '中国银行', '交通银行', '浦发银行', '中信银行'];
const EMPLOYERS = [
  '北京华信科技有限公司',
  '上海浦江贸易有限公司',
  '广州天河建设集团',
  '佛山美达电器有限公司',
];
const MERCHANTS = ['美团', '京东商城', '盒马鲜生', '中国石化', '星巴克'];

/** Pure: the next transactions for one customer, given what the feed has put on their accounts. */
export const feedTransactions = (
  random: Random,
  customerId: string,
  held: Map<string, number>,
  at: Date,
  nextId: () => string,
  largeShare: number,
): FeedTransaction[] => {
  const base = { customerId, bookedAt: at.toISOString(), businessDate: businessDateOf(at) };
  const account = (suffix: string) => `62220${customerId.replace(/\D/g, '').padStart(7, '0')}${suffix}`;
  const deposit = held.get(customerId) ?? 0;
  const hold = (delta: number) => held.set(customerId, deposit + delta);
  const yuan = (min: number, max: number) => random.int(min, max) * YUAN;
  /** A booking on one of the customer's accounts (the current account, …01, unless said). */
  const booking = (
    amountFen: number,
    details: Pick<FeedTransaction, 'direction' | 'channel' | 'category'> &
      Partial<Pick<FeedTransaction, 'accountId' | 'assetClass' | 'counterpartyBank' | 'counterpartyName'>>,
  ): FeedTransaction => ({
    ...base,
    transactionId: nextId(),
    accountId: account('01'),
    assetClass: 'deposit',
    amountFen,
    ...details,
  });

  if (random.chance(largeShare)) {
    // 他行转入: mostly enough for gold today, now and then platinum, rarely diamond
    const amount = random.chance(0.02)
      ? yuan(65_000_000, 80_000_000)
      : random.chance(0.12)
        ? yuan(16_000_000, 30_000_000)
        : yuan(1_600_000, 3_000_000);
    hold(amount);
    return [
      booking(amount, {
        direction: 'in',
        channel: 'online',
        counterpartyBank: random.pick(OTHER_BANKS),
        counterpartyName: '本人',
        category: 'transfer_to_self',
      }),
    ];
  }
  const kind = random.weighted([
    ['salary', 3],
    ['spend', 5],
    ['product', deposit > 1_000_000 ? 3 : 0],
    ['outflow', deposit > 1_000_000 ? 1 : 0],
  ] as const);
  if (kind === 'salary' || (kind === 'spend' && deposit < 200_000)) {
    const amount = yuan(8_000, 30_000);
    hold(amount);
    return [
      booking(amount, {
        direction: 'in',
        channel: 'batch',
        counterpartyName: random.pick(EMPLOYERS),
        category: 'salary',
      }),
    ];
  }
  if (kind === 'spend') {
    const amount = Math.min(yuan(20, 2_000), deposit);
    hold(-amount);
    return [
      booking(-amount, {
        direction: 'out',
        channel: random.pick(['pos', 'mobile'] as const),
        counterpartyName: random.pick(MERCHANTS),
        category: 'consumption',
      }),
    ];
  }
  if (kind === 'outflow') {
    // 他行转出: part of what is there leaves for another bank
    const amount = Math.floor((deposit * random.int(10, 50)) / 100);
    hold(-amount);
    return [
      booking(-amount, {
        direction: 'out',
        channel: 'mobile',
        counterpartyBank: random.pick(OTHER_BANKS),
        counterpartyName: '本人',
        category: 'transfer_to_self',
      }),
    ];
  }
  // moving money from the current account into a product: AUM stays, its classes (and weights) change
  const product = random.pick(['time_deposit', 'wealth', 'fund', 'insurance'] as const);
  const amount = Math.floor((deposit * random.int(20, 60)) / 100);
  hold(-amount);
  return [
    booking(-amount, { direction: 'out', channel: 'mobile', category: 'investment' }),
    booking(amount, {
      accountId: account(product === 'time_deposit' ? '02' : '09'),
      assetClass: product,
      direction: 'in',
      channel: 'mobile',
      category: 'investment',
    }),
  ];
};

export const startTransactionFeed = (options: TransactionFeedOptions): TransactionFeed => {
  const rate = Math.max(0, options.ratePerSecond ?? 5);
  const random = seededRandom(options.seed ?? 'ocrm-feed');
  const largeShare = options.largeShare ?? 0.1;
  const held = new Map<string, number>();
  const stats: TransactionFeedStats = { posted: 0, batches: 0, failedBatches: 0, large: 0 };
  const stamp = options.clock.now().getTime().toString(36).toUpperCase();
  let sequence = 0;
  const nextId = () => `FEED-${stamp}-${String(++sequence).padStart(7, '0')}`;

  const post =
    options.post ??
    (async (transactions: FeedTransaction[]) => {
      if (!options.url) throw new Error('the feed needs `url` (and `token`) or `post`');
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      const response = await fetch(`${options.url}/v1/transactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ transactions }),
      });
      if (!response.ok)
        throw new Error(`POST /v1/transactions → ${response.status} ${await response.text()}`);
    });

  let owed = 0;
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  const tick = async () => {
    // at most two seconds' worth at once: after a slow answer the feed catches up, it does not burst
    owed = Math.min(owed + (rate * TICK_MS) / 1000, Math.max(1, rate * 2));
    const batch: FeedTransaction[] = [];
    while (owed >= 1 && options.customers.length > 0 && batch.length < 99) {
      const made = feedTransactions(
        random,
        random.pick(options.customers),
        held,
        options.clock.now(),
        nextId,
        largeShare,
      );
      if (made[0]!.category === 'transfer_to_self' && made[0]!.amountFen > 0) stats.large += 1;
      batch.push(...made);
      owed -= made.length;
    }
    if (batch.length === 0) return;
    try {
      await post(batch);
      stats.posted += batch.length;
      stats.batches += 1;
    } catch (error) {
      stats.failedBatches += 1;
      options.onError?.(error as Error);
    }
  };
  const timer = setInterval(() => {
    // one batch at a time: a slow API slows the feed down instead of piling requests up
    if (stopped || inFlight) return;
    inFlight = tick().finally(() => (inFlight = undefined));
  }, TICK_MS);
  timer.unref();

  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
};
