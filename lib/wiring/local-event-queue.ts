// Local mode's stand-in for how AWS bounds and retries invocations: for process-file the SQS queue (at most
// `maxConcurrency` at once, the event source mapping's MaximumConcurrency; a failed event delivered again up to
// `maxReceiveCount` times, the queue's redrive policy), for log-status its reserved concurrency and Lambda's
// asynchronous retries.
import { setTimeout as delay } from 'node:timers/promises';
import { WorkPool } from '../core/work/work-pool.js';

export interface LocalEventQueueOptions<E> {
  maxConcurrency: number;
  /** Deliveries of one event before it is given up, like the queue's maxReceiveCount. */
  maxReceiveCount: number;
  /** The pause before a failed event is delivered again (in AWS, the queue's visibility timeout). */
  redeliveryMs: number;
  /** One invocation; a rejection means "deliver again", as a batch item failure does. */
  invoke: (event: E) => Promise<void>;
  /** The event failed `maxReceiveCount` times: in AWS its message would now be in the dead-letter queue. */
  onDeadLetter: (event: E, error: unknown) => void;
}

export class LocalEventQueue<E> {
  private readonly pool: WorkPool;
  /** Events sent and not yet finished: running, waiting for a slot, or waiting to be delivered again. */
  private outstanding = 0;
  private waiters: (() => void)[] = [];
  private running = 0;
  /** The most invocations that ran at the same moment. */
  peakInvocations = 0;

  constructor(private readonly options: LocalEventQueueOptions<E>) {
    if (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1) {
      throw new RangeError(`expected a maxReceiveCount of at least 1, found ${options.maxReceiveCount}`);
    }
    this.pool = new WorkPool(options.maxConcurrency);
  }

  /** Resolves once this event has been handled, or given up after its deliveries. */
  send(event: E): Promise<void> {
    this.outstanding += 1;
    return new Promise((resolve) => this.receive(event, 1, resolve));
  }

  /** Some event is running, waiting for a slot, or waiting to be delivered again. */
  get busy(): boolean {
    return this.outstanding > 0;
  }

  /** Resolves once every event sent has been handled or given up. */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private receive(event: E, receiveCount: number, settled: () => void): void {
    this.pool.add(async () => {
      this.running += 1;
      this.peakInvocations = Math.max(this.peakInvocations, this.running);
      try {
        await this.options.invoke(event);
        this.finish(settled);
      } catch (error) {
        if (receiveCount >= this.options.maxReceiveCount) {
          this.options.onDeadLetter(event, error);
          this.finish(settled);
        } else {
          void delay(this.options.redeliveryMs).then(() => this.receive(event, receiveCount + 1, settled));
        }
      } finally {
        this.running -= 1;
      }
    });
  }

  private finish(settled: () => void): void {
    settled();
    this.outstanding -= 1;
    if (this.outstanding === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}
