// What process-file receives: an S3 notification itself (local runtime, tests) or S3 notifications wrapped in SQS
// messages (AWS, where the queue bounds how many invocations run at once).
import { z } from 'zod';
import { TerminalError } from '../errors.js';

/** One S3 notification to process; from SQS it carries the message id that batchItemFailures names. */
export interface FileMessage {
  messageId?: string;
  /** The notification as S3 wrote it (`{ Records: [...] }`), parsed record by record by process-file. */
  notification: unknown;
}

export type FileEvents =
  | { source: 's3'; messages: [FileMessage] }
  /** `unreadable` lists messages whose body is no S3 notification: they can never succeed, so they are not retried. */
  | { source: 'sqs'; messages: FileMessage[]; unreadable: { messageId: string; problem: string }[] };

// The fields of a Lambda SQS record that Ferry reads (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html).
const sqsEventSchema = z.object({
  Records: z
    .array(z.object({ messageId: z.string().min(1), eventSource: z.literal('aws:sqs'), body: z.string() }))
    .min(1),
});

export type SqsEvent = z.input<typeof sqsEventSchema>;

/** The message S3 sends once when a notification is configured, and a real notification. */
const bodySchema = z.union([
  z.object({ Event: z.literal('s3:TestEvent') }),
  z.object({ Records: z.array(z.unknown()) }),
]);

/** Tells an SQS delivery from a direct S3 event; a malformed SQS envelope is refused whole. */
export function readFileEvents(event: unknown): FileEvents {
  if (!isSqsEvent(event)) return { source: 's3', messages: [{ notification: event }] };
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new TerminalError(
      `expected an SQS event of S3 notifications, found ${describeIssue(parsed.error)}`,
    );
  }
  const messages: FileMessage[] = [];
  const unreadable: { messageId: string; problem: string }[] = [];
  for (const { messageId, body } of parsed.data.Records) {
    const notification = bodyOf(body);
    if (typeof notification === 'string') unreadable.push({ messageId, problem: notification });
    else if ('Records' in notification) messages.push({ messageId, notification });
    // s3:TestEvent: nothing to process, and nothing to retry.
  }
  return { source: 'sqs', messages, unreadable };
}

/** The notification in a message body, or what is wrong with it. */
function bodyOf(body: string): z.infer<typeof bodySchema> | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `expected the message body to be JSON, found ${body.length} characters that are not`;
  }
  const parsed = bodySchema.safeParse(json);
  return parsed.success
    ? parsed.data
    : 'expected the message body to be an S3 notification (Records) or s3:TestEvent, found neither';
}

function isSqsEvent(event: unknown): boolean {
  const records = (event as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) && (records[0] as { eventSource?: unknown } | null)?.eventSource === 'aws:sqs'
  );
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.message} at ${issue.path.join('.') || 'the top'}` : 'an invalid event';
}
