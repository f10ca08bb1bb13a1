// The poller's pauses: idle polls that a drain ends early, backoffs that only a stop ends early.

interface Sleeper {
  wakeable: boolean;
  done: () => void;
}

export class Pauses {
  private readonly sleepers = new Set<Sleeper>();

  /** A pause that `wake()` ends early (idle polls); a backoff (`wakeable` false) ends early only on `wake(true)`. */
  sleep(ms: number, wakeable = true): Promise<void> {
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        wakeable,
        done: () => {
          clearTimeout(timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      const timer = setTimeout(sleeper.done, ms);
      this.sleepers.add(sleeper);
    });
  }

  /** Ends the idle pauses now (a drain wants an answer soon); `all` ends backoffs too (a stop). */
  wake(all = false): void {
    for (const sleeper of [...this.sleepers]) if (all || sleeper.wakeable) sleeper.done();
  }
}
