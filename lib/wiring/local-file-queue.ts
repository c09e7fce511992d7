// Local mode's stand-in for the SQS queue in front of process-file: uploads wait their turn, at most
// `maxConcurrency` invocations run at once (the event source mapping's MaximumConcurrency), and an event whose
// invocation failed is delivered again, up to `maxReceiveCount` times (the queue's redrive policy).
import { setTimeout as delay } from 'node:timers/promises';
import { WorkPool } from '../core/work/work-pool.js';

export interface LocalFileQueueOptions<E> {
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

export class LocalFileQueue<E> {
  private readonly pool: WorkPool;
  /** Events sent and not yet finished: running, waiting for a slot, or waiting to be delivered again. */
  private outstanding = 0;
  private waiters: (() => void)[] = [];
  private running = 0;
  /** The most invocations that ran at the same moment. */
  peakInvocations = 0;

  constructor(private readonly options: LocalFileQueueOptions<E>) {
    if (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1) {
      throw new RangeError(`expected a maxReceiveCount of at least 1, found ${options.maxReceiveCount}`);
    }
    this.pool = new WorkPool(options.maxConcurrency);
  }

  send(event: E): void {
    this.outstanding += 1;
    this.receive(event, 1);
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

  private receive(event: E, receiveCount: number): void {
    this.pool.add(async () => {
      this.running += 1;
      this.peakInvocations = Math.max(this.peakInvocations, this.running);
      try {
        await this.options.invoke(event);
        this.finish();
      } catch (error) {
        if (receiveCount >= this.options.maxReceiveCount) {
          this.options.onDeadLetter(event, error);
          this.finish();
        } else {
          void delay(this.options.redeliveryMs).then(() => this.receive(event, receiveCount + 1));
        }
      } finally {
        this.running -= 1;
      }
    });
  }

  private finish(): void {
    this.outstanding -= 1;
    if (this.outstanding === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}
