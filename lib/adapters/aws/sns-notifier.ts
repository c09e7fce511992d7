// The Notifier over SNS: one String message per status, readable for email, filterable by message attributes.
import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';
import { statusAttributes } from '../../core/notify/status-payload.js';
import { statusSubject, statusText } from '../../core/notify/status-text.js';
import type { FileStatusMessage, Notifier } from '../../ports/notifier.js';
import { toFerryError } from './aws-service-error.js';

type SnsClient = Pick<SNSClient, 'send'>;

/**
 * No MessageStructure (String): SNS delivers message attributes only with a String message, and attribute-scope
 * filter policies then work the same for email, SQS and Lambda subscribers. The body is the readable text; the
 * structured payload rides in the `payload` attribute (SQS and Lambda receive attributes; email only filters).
 */
export function buildPublishInput(message: FileStatusMessage, topicArn: string): PublishCommandInput {
  return {
    TopicArn: topicArn,
    Subject: statusSubject(message),
    Message: statusText(message),
    MessageAttributes: statusAttributes(message),
  };
}

export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SnsClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: FileStatusMessage): Promise<void> {
    try {
      await this.client.send(new PublishCommand(buildPublishInput(message, this.topicArn)));
    } catch (error) {
      throw toFerryError(error, `SNS Publish to ${this.topicArn}`, { runId: message.runId });
    }
  }
}
