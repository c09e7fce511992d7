// Runs queued tasks with at most N at a time; can stop taking queued work (Ctrl-C) and wait for what runs.

export class WorkPool {
  private running = 0;
  private readonly queue: (() => Promise<void>)[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`expected a concurrency of at least 1, found ${concurrency}`);
    }
  }

  /** Tasks running or queued. */
  get size(): number {
    return this.running + this.queue.length;
  }

  /** Queues a task; its failure is the task's own business (wrap it), the pool only counts it done. */
  add(task: () => Promise<void>): void {
    this.queue.push(task);
    this.next();
  }

  /** Drops the queued tasks (not the running ones); returns how many were dropped. */
  clear(): number {
    return this.queue.splice(0).length;
  }

  /** Resolves when nothing runs and nothing is queued. */
  async drain(): Promise<void> {
    if (this.size === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running += 1;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.next();
          if (this.size === 0) for (const wake of this.waiters.splice(0)) wake();
        });
    }
  }
}

/** Runs `work` over `items` with at most `concurrency` at a time; results in input order, the first failure rethrown. */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const failures: unknown[] = [];
  const pool = new WorkPool(concurrency);
  items.forEach((item, index) => {
    pool.add(async () => {
      try {
        results[index] = await work(item);
      } catch (error) {
        failures.push(error);
      }
    });
  });
  await pool.drain();
  if (failures.length > 0) throw failures[0];
  return results;
}
