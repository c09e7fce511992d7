// The Notifier over EventBridge: Ferry's `Ferry File Status Change` events for downstream systems.
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
} from '@aws-sdk/client-eventbridge';
import { TransientError } from '../../core/errors.js';
import { ferryEvent } from '../../core/notify/ferry-event.js';
import type { FileStatusMessage, Notifier } from '../../ports/notifier.js';
import { toFerryError } from './aws-service-error.js';

type EventsClient = Pick<EventBridgeClient, 'send'>;

export function buildPutEventsInput(message: FileStatusMessage, eventBusName: string): PutEventsCommandInput {
  return { Entries: [ferryEvent(message, eventBusName)] };
}

export class EventBridgeNotifier implements Notifier {
  constructor(
    private readonly client: EventsClient,
    /** A bus name or ARN; `default` is the account's default bus. */
    private readonly eventBusName = 'default',
  ) {}

  async publish(message: FileStatusMessage): Promise<void> {
    const context = { runId: message.runId };
    const action = `EventBridge PutEvents to ${this.eventBusName}`;
    const output = await this.client
      .send(new PutEventsCommand(buildPutEventsInput(message, this.eventBusName)))
      .catch((error: unknown) => {
        throw toFerryError(error, action, context);
      });
    // PutEvents answers 200 even when an entry was refused; the refusal is only in the per-entry result.
    if ((output.FailedEntryCount ?? 0) > 0) {
      const entry = output.Entries?.[0];
      throw new TransientError(
        `${action}: expected the event to be accepted, found ${entry?.ErrorCode ?? 'an error'}: ${entry?.ErrorMessage ?? 'no message'}`,
        { context },
      );
    }
  }
}
