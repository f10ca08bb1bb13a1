// A tiny progress bar for the seed loader: `[#####.....] 1200/3000 customers`. On a terminal it is
// redrawn in place; in a log (CI, a pipe) it prints one line per quarter, so logs stay short.

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ProgressBarOptions {
  /** Where to draw (default: process.stderr, so stdout stays clean for tokens and URLs). */
  stream?: ProgressStream;
  /** Draw nothing at all (tests, `--quiet`). */
  silent?: boolean;
  /** Redraw in place; defaults to whether the stream is a TTY. */
  tty?: boolean;
  /** Characters between the brackets (default 20). */
  width?: number;
}

export interface ProgressBar {
  /** Report `done` of `total` for `label`; a new label starts a new line. */
  update(label: string, done: number, total: number): void;
  /** Finish the current line. */
  end(): void;
}

export const renderProgress = (label: string, done: number, total: number, width = 20): string => {
  const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
};

export const progressBar = (options: ProgressBarOptions = {}): ProgressBar => {
  if (options.silent) return { update: () => {}, end: () => {} };
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? stream.isTTY === true;
  const width = options.width ?? 20;
  let label: string | undefined;
  let open = false; // a TTY line is drawn and not yet ended
  let quarter = 0; // quarters already logged for the current label

  const update = (nextLabel: string, done: number, total: number) => {
    if (nextLabel !== label) {
      if (open) stream.write('\n');
      open = false;
      label = nextLabel;
      quarter = 0;
    }
    const line = renderProgress(nextLabel, done, total, width);
    if (tty) {
      stream.write(`\r${line}\x1b[K`);
      open = true;
      return;
    }
    const reached = total <= 0 ? 4 : Math.floor((Math.min(done, total) * 4) / total);
    if (reached > quarter) {
      quarter = reached;
      stream.write(`${line}\n`);
    }
  };

  const end = () => {
    if (open) stream.write('\n');
    open = false;
    label = undefined;
  };

  return { update, end };
};
