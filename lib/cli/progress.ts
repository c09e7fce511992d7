// A single-line progress indicator (bytes, records, rate) for big files on a terminal; silent everywhere else.

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressUpdate {
  /** What is being worked on, e.g. the file name. */
  label: string;
  /** Total bytes expected, when known. */
  size?: number;
  bytes: number;
  records?: number;
}

export interface ProgressLine {
  update(progress: ProgressUpdate): void;
  /** Clears the line so the command's own output starts on a clean one. */
  done(): void;
}

/** Files below this size finish too fast for a progress line to help. */
export const progressMinBytes = 4 << 20;

const silent: ProgressLine = { update() {}, done() {} };

/**
 * Draws on `stream` only when it is a terminal and the output is for people (not `--json`). Redraws at most every
 * `intervalMs`, and only for files of at least `minBytes`.
 */
export function createProgressLine(
  stream: ProgressStream | undefined,
  options: { json: boolean; minBytes?: number; intervalMs?: number; now?: () => number },
): ProgressLine {
  if (!stream?.isTTY || options.json) return silent;
  const now = options.now ?? Date.now;
  const minBytes = options.minBytes ?? progressMinBytes;
  const intervalMs = options.intervalMs ?? 200;
  const started = new Map<string, number>();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress) {
      if ((progress.size ?? progress.bytes) < minBytes) return;
      const time = now();
      if (!started.has(progress.label)) started.set(progress.label, time);
      const finished = progress.size !== undefined && progress.bytes >= progress.size;
      if (!finished && time - drawnAt < intervalMs) return;
      drawnAt = time;
      drawn = true;
      const seconds = (time - (started.get(progress.label) ?? time)) / 1000;
      stream.write(`\r${describeProgress(progress, seconds)}\x1b[K`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `name  12.0/48.0 MB (25%)  120,000 records  6.0 MB/s` */
export function describeProgress(progress: ProgressUpdate, seconds: number): string {
  const parts = [progress.label];
  const done = megabytes(progress.bytes);
  if (progress.size !== undefined && progress.size > 0) {
    const percent = Math.min(100, Math.floor((progress.bytes / progress.size) * 100));
    parts.push(`${done}/${megabytes(progress.size)} MB (${percent}%)`);
  } else {
    parts.push(`${done} MB`);
  }
  if (progress.records !== undefined) parts.push(`${progress.records.toLocaleString('en-US')} records`);
  if (seconds > 0) parts.push(`${megabytes(progress.bytes / seconds)} MB/s`);
  return parts.join('  ');
}

function megabytes(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(1);
}
