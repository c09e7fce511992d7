// A Notifier that throws on chosen publications and passes the rest to the real one.
import type { FileStatusMessage, Notifier } from '../../lib/ports/notifier.js';
import { FaultBook, type FaultPlan } from './faulty-fault.js';

export type NotifierFault = FaultPlan<'publish'>;

export class FaultyNotifier implements Notifier {
  readonly faults = new FaultBook<'publish'>();
  readonly published: FileStatusMessage[] = [];

  constructor(private readonly inner: Notifier) {}

  async publish(message: FileStatusMessage): Promise<void> {
    const error = this.faults.check('publish', `${message.status} ${message.fileName}`);
    if (error !== undefined) throw error;
    await this.inner.publish(message);
    this.published.push(message);
  }
}
