// process-file fed by its SQS queue: S3 notifications inside messages, and the partial batch response that names
// only the messages of files that failed transiently (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransientError } from '../../../../lib/core/errors.js';
import { makeHandler } from '../../../../lib/wiring/process-file-handler.js';
import { s3TestEvent, sqsEventOf } from '../../../support/sqs-events.js';
import { openWorld, sampleFile, type World, worlds } from './pipeline-harness.js';

const name = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const unknown = 'UNKNOWN_FEED_999.txt';

describe.each(worlds)('queue deliveries on $name', (target) => {
  let world: World;
  beforeEach(async () => {
    world = await openWorld(target);
  });
  afterEach(async () => {
    await world.close();
  });

  it('submits the file an SQS message carries and reports no batch item failure', async () => {
    const { event } = await world.upload(name, sampleFile(name));
    const handler = makeHandler(async () => world.deps);

    const response = await handler(sqsEventOf([event]));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.warehouse.submissions).toHaveLength(1);
    expect(world.logs.find((line) => line.msg === 'messages processed')).toMatchObject({
      messages: 1,
      statuses: ['submitted'],
      retried: 0,
    });
  });

  it("answers S3's s3:TestEvent and an unreadable message with no failure, logging the unreadable one", async () => {
    const handler = makeHandler(async () => world.deps);
    const event = sqsEventOf([s3TestEvent, 'not json']);

    const response = await handler(event);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(world.logs.filter((line) => line.msg === 'message not understood')).toEqual([
      expect.objectContaining({
        messageId: event.Records[1]!.messageId,
        error: 'expected the message body to be JSON, found 8 characters that are not',
      }),
    ]);
  });

  it('names only the message of the file refused transiently; the terminal failure is audited and not retried', async () => {
    const good = await world.upload(name, sampleFile(name));
    const bad = await world.upload(unknown, 'some|data|here\n');
    world.warehouse.failSubmitWhen(() => new TransientError('Rate exceeded (ThrottlingException)'));
    const handler = makeHandler(async () => world.deps);
    const event = sqsEventOf([good.event, bad.event]);

    const response = await handler(event);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] });
    expect(await world.keys('archive/error/')).toEqual([
      expect.stringMatching(/^archive\/error\/UNKNOWN_FEED_999\.txt/),
    ]);

    // The redelivered message submits the load with the same client token.
    world.warehouse.failSubmitWhen(undefined);
    const again = await handler(sqsEventOf([good.event]));

    expect(again).toEqual({ batchItemFailures: [] });
    expect(world.warehouse.submissions).toHaveLength(1);
  });
});
