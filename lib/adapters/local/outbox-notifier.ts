// The local Notifier: writes what SNS and EventBridge would have received into rdscnfg.ferry_outbox, one row per channel.
import type { Kysely } from 'kysely';
import { ferryEvent } from '../../core/notify/ferry-event.js';
import { statusAttributes } from '../../core/notify/status-payload.js';
import { statusSubject, statusText } from '../../core/notify/status-text.js';
import { storableJson, storableText } from '../../core/text/safe-text.js';
import type { FileStatusMessage, Notifier } from '../../ports/notifier.js';
import type { Database } from '../../records/tables.js';

export const outboxChannels = ['sns', 'eventbridge'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export class OutboxNotifier implements Notifier {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly eventBusName = 'default',
  ) {}

  /** Both rows in one transaction: the outbox never shows a message on one channel only. */
  async publish(message: FileStatusMessage): Promise<void> {
    const event = ferryEvent(message, this.eventBusName);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('rdscnfg.ferry_outbox')
        .values([
          {
            run_id: message.runId,
            channel: 'sns' satisfies OutboxChannel,
            subject: storableText(statusSubject(message)),
            body: storableText(statusText(message)),
            attributes: storableJson(JSON.stringify(statusAttributes(message))),
          },
          {
            run_id: message.runId,
            channel: 'eventbridge' satisfies OutboxChannel,
            subject: event.DetailType,
            body: storableText(event.Detail),
            attributes: JSON.stringify({
              source: event.Source,
              detailType: event.DetailType,
              eventBusName: event.EventBusName,
            }),
          },
        ])
        .execute();
    });
  }
}
