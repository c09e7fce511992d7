// A Notifier test double that keeps every message, and can fail the first publishes on demand.
import type { FileStatusMessage, Notifier } from '../../lib/ports/notifier.js';

export class RecordingNotifier implements Notifier {
  readonly messages: FileStatusMessage[] = [];
  /** How many of the next publishes fail. */
  failures = 0;

  async publish(message: FileStatusMessage): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SNS Publish failed: ServiceUnavailable');
    }
    this.messages.push(message);
  }
}
