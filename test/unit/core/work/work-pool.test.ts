import { describe, expect, it } from 'vitest';
import { mapBounded, WorkPool } from '../../../../lib/core/work/work-pool.js';

describe('the work pool', () => {
  it('never runs more tasks at once than its concurrency and keeps results in order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      running -= 1;
      return n * 10;
    });
    expect({ results, most }).toEqual({ results: [10, 20, 30, 40, 50, 60, 70], most: 3 });
  });

  it('drops queued tasks on clear and lets running ones finish', async () => {
    const pool = new WorkPool(1);
    const done: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    pool.add(async () => {
      await gate;
      done.push(1);
    });
    pool.add(async () => {
      done.push(2);
    });
    expect(pool.clear()).toBe(1);
    release();
    await pool.drain();
    expect(done).toEqual([1]);
  });
});
