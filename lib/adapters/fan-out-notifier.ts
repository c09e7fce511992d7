// Publishes one message through several notifiers (e.g. SNS for people, EventBridge for systems).
import { errorMessage } from '../core/errors.js';
import type { FileStatusMessage, Notifier } from '../ports/notifier.js';

export class FanOutNotifier implements Notifier {
  constructor(private readonly notifiers: readonly Notifier[]) {}

  /** Tries every channel, then fails if any failed, so one broken channel never silences the others. */
  async publish(message: FileStatusMessage): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((notifier) => notifier.publish(message)));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      throw new AggregateError(
        failures,
        `expected every notifier to publish, found ${failures.length} of ${results.length} failing: ` +
          failures.map(errorMessage).join('; '),
      );
    }
  }
}
