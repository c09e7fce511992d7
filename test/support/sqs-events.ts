// SQS events in the shape an event source mapping hands Lambda, each message body an S3 notification as S3 writes it
// (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message event").
import type { SqsEvent } from '../../lib/core/events/file-events.js';

let sequence = 0;

/** One message per body; a body that is not a string is JSON-encoded, as S3 does with its notifications. */
export function sqsEventOf(bodies: unknown[]): SqsEvent & { Records: { messageId: string }[] } {
  return {
    Records: bodies.map((body) => {
      sequence += 1;
      return {
        messageId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
        receiptHandle: `handle-${sequence}`,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1700000000000' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs' as const,
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ferry-test-file-events',
        awsRegion: 'us-east-1',
      };
    }),
  };
}

/** The message S3 sends once when a notification configuration is put on a bucket. */
export const s3TestEvent = {
  Service: 'Amazon S3',
  Event: 's3:TestEvent',
  Time: '2026-01-01T00:00:00.000Z',
  Bucket: 'ferry-test',
  RequestId: 'request',
  HostId: 'host',
};
