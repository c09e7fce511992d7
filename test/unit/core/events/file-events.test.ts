import { describe, expect, it } from 'vitest';
import { TerminalError } from '../../../../lib/core/errors.js';
import { readFileEvents } from '../../../../lib/core/events/file-events.js';
import { buildS3Event } from '../../../../lib/core/events/s3-event.js';
import { s3TestEvent, sqsEventOf } from '../../../support/sqs-events.js';

const notification = buildS3Event({ bucket: 'b', key: 'external_input/a_527.txt', size: 10, etag: '"e"' });

describe('readFileEvents', () => {
  it('passes a direct S3 event on as one message without an id', () => {
    expect(readFileEvents(notification)).toEqual({ source: 's3', messages: [{ notification }] });
  });

  it('unwraps each SQS message body into the S3 notification it carries, keeping the message id', () => {
    const event = sqsEventOf([notification, notification]);

    const read = readFileEvents(event);

    expect(read).toEqual({
      source: 'sqs',
      messages: event.Records.map(({ messageId }) => ({ messageId, notification })),
      unreadable: [],
    });
  });

  it("skips S3's s3:TestEvent message: nothing to process and nothing to retry", () => {
    expect(readFileEvents(sqsEventOf([s3TestEvent]))).toEqual({
      source: 'sqs',
      messages: [],
      unreadable: [],
    });
  });

  it('sets aside a message whose body is not JSON or not an S3 notification, saying what it expected', () => {
    const event = sqsEventOf(['not json', { hello: 'world' }, notification]);
    const [broken, foreign, good] = event.Records;

    const read = readFileEvents(event);

    expect(read).toEqual({
      source: 'sqs',
      messages: [{ messageId: good!.messageId, notification }],
      unreadable: [
        {
          messageId: broken!.messageId,
          problem: 'expected the message body to be JSON, found 8 characters that are not',
        },
        {
          messageId: foreign!.messageId,
          problem:
            'expected the message body to be an S3 notification (Records) or s3:TestEvent, found neither',
        },
      ],
    });
  });

  it('refuses an SQS envelope without message ids as a terminal error naming the field', () => {
    const event = { Records: [{ eventSource: 'aws:sqs', body: '{}' }] };

    expect(() => readFileEvents(event)).toThrow(TerminalError);
    expect(() => readFileEvents(event)).toThrow(
      /^expected an SQS event of S3 notifications, found .* at Records\.0\.messageId$/,
    );
  });
});
