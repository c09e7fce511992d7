import { describe, expect, it } from 'vitest';
import { LocalEventQueue } from '../../../lib/wiring/local-event-queue.js';

/** A gate the test opens by hand, so invocations overlap for as long as the test wants. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('LocalEventQueue', () => {
  it('runs at most maxConcurrency invocations at once and the rest when slots free up', async () => {
    const { opened, open } = gate();
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const queue = new LocalEventQueue<number>({
      maxConcurrency: 3,
      maxReceiveCount: 1,
      redeliveryMs: 0,
      invoke: async (n) => {
        running += 1;
        peak = Math.max(peak, running);
        await opened;
        running -= 1;
        done.push(n);
      },
      onDeadLetter: () => {},
    });

    for (let n = 1; n <= 10; n++) queue.send(n);
    await new Promise((resolve) => setImmediate(resolve));
    expect([running, queue.busy]).toEqual([3, true]);
    open();
    await queue.idle();

    expect(peak).toBe(3);
    expect(queue.peakInvocations).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(queue.busy).toBe(false);
  });

  it('delivers a failed event again until it succeeds, within maxReceiveCount deliveries', async () => {
    const deliveries: string[] = [];
    const queue = new LocalEventQueue<string>({
      maxConcurrency: 2,
      maxReceiveCount: 3,
      redeliveryMs: 0,
      invoke: async (key) => {
        deliveries.push(key);
        if (deliveries.length < 3) throw new Error('ActiveStatementsExceededException');
      },
      onDeadLetter: () => {
        throw new Error('expected no dead letter, found one');
      },
    });

    queue.send('a.txt');
    await queue.idle();

    expect(deliveries).toEqual(['a.txt', 'a.txt', 'a.txt']);
  });

  it('gives an event up after maxReceiveCount failed deliveries, with the last error', async () => {
    const dead: Array<[string, string]> = [];
    let attempts = 0;
    const queue = new LocalEventQueue<string>({
      maxConcurrency: 2,
      maxReceiveCount: 2,
      redeliveryMs: 0,
      invoke: async () => {
        attempts += 1;
        throw new Error(`refused ${attempts}`);
      },
      onDeadLetter: (key, error) => dead.push([key, (error as Error).message]),
    });

    queue.send('b.txt');
    await queue.idle();

    expect(attempts).toBe(2);
    expect(dead).toEqual([['b.txt', 'refused 2']]);
  });

  it('refuses a maxReceiveCount below 1, saying what it found', () => {
    expect(
      () =>
        new LocalEventQueue({
          maxConcurrency: 1,
          maxReceiveCount: 0,
          redeliveryMs: 0,
          invoke: async () => {},
          onDeadLetter: () => {},
        }),
    ).toThrow('expected a maxReceiveCount of at least 1, found 0');
  });
});
