// The bench's flags (`npm run bench -- [area…] [--flag value…]`); see the header of run.ts.
export interface BenchOptions {
  /** Areas to run; empty is all. */
  areas: string[];
  /** Records written while a pipeline's consumer is stopped, then drained (default 20,000). */
  backlog: number;
  /** Items posted for each pipeline's sustained rate (default 3,000). */
  items: number;
  /** Single posts timed from POST to effect (default 100). */
  latency: number;
  /** In-flight writes of the raw baselines (default 16). */
  concurrency: number;
  /** Upper bound of the warm-up, seconds (default 300); 0 skips it. */
  warmupSeconds: number;
  /** Customers the month close closes (default 10,000). */
  closeCustomers: number;
  /** How long to wait for a pipeline's effects before giving up on it, seconds (default 900). */
  timeoutSeconds: number;
}

const numberFlags: Record<string, keyof Omit<BenchOptions, 'areas'>> = {
  '--backlog': 'backlog',
  '--items': 'items',
  '--latency': 'latency',
  '--concurrency': 'concurrency',
  '--warmup': 'warmupSeconds',
  '--close-customers': 'closeCustomers',
  '--timeout': 'timeoutSeconds',
};

export const parseBenchOptions = (argv: readonly string[]): BenchOptions => {
  const options: BenchOptions = {
    areas: [],
    backlog: 20_000,
    items: 3_000,
    latency: 100,
    concurrency: 16,
    warmupSeconds: 300,
    closeCustomers: 10_000,
    timeoutSeconds: 900,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    if (flag === '--no-warmup') options.warmupSeconds = 0;
    else if (flag in numberFlags) {
      const value = Number(inline ?? argv[++i]);
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`${flag} wants a number, not ${inline ?? argv[i]}`);
      options[numberFlags[flag]!] = value;
    } else if (arg.startsWith('-'))
      throw new Error(`unknown flag ${arg}; known: ${Object.keys(numberFlags).join(', ')}, --no-warmup`);
    else options.areas.push(arg);
  }
  return options;
};
