import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildPublishInput, SnsNotifier } from '../../../../lib/adapters/aws/sns-notifier.js';
import { TransientError } from '../../../../lib/core/errors.js';
import type { MessageAttribute } from '../../../../lib/core/notify/status-payload.js';
import { cleanSubject } from '../../../../lib/core/notify/status-text.js';
import type { FileStatusMessage } from '../../../../lib/ports/notifier.js';

const topic = 'arn:aws:sns:us-east-1:123456789012:ferry-status';
const failed: FileStatusMessage = {
  fileName: 'PROD_20151016_090000000_PA_FLAVOR_527.txt',
  interface: '527',
  targetTable: 'rdsftetl.dc_x_pa_flavor',
  status: 'FAILED',
  success: false,
  rowsLoaded: null,
  rowsRejected: null,
  error: 'trailer says 4 records, file has 3',
  auditId: 42,
  runId: 'run-1',
  durationMs: 1250,
  customErrorMessage: 'Call the data team.',
};

/** SNS's attribute matching for exact string lists, the only operator the example policy uses. */
function matches(policy: Record<string, string[]>, attributes: Record<string, MessageAttribute>): boolean {
  return Object.entries(policy).every(([name, values]) => {
    const attribute = attributes[name];
    return attribute !== undefined && values.includes(attribute.StringValue);
  });
}

describe('SNS notifier', () => {
  it('builds the exact Publish input: String message, readable body, filterable attributes', () => {
    expect(buildPublishInput(failed, topic)).toEqual({
      TopicArn: topic,
      Subject: 'Ferry FAILED (failed): PROD_20151016_090000000_PA_FLAVOR_527.txt',
      Message:
        'Ferry could not process file PROD_20151016_090000000_PA_FLAVOR_527.txt.\n' +
        '\n' +
        'File:          PROD_20151016_090000000_PA_FLAVOR_527.txt\n' +
        'Interface:     527\n' +
        'Target table:  rdsftetl.dc_x_pa_flavor\n' +
        'Status:        FAILED\n' +
        'Rows loaded:   -\n' +
        'Rows rejected: -\n' +
        'Error:         trailer says 4 records, file has 3\n' +
        'Audit id:      42\n' +
        'Run id:        run-1\n' +
        '\n' +
        'Call the data team.\n',
      MessageAttributes: {
        status: { DataType: 'String', StringValue: 'FAILED' },
        success: { DataType: 'String', StringValue: 'false' },
        interface: { DataType: 'String', StringValue: '527' },
        targetTable: { DataType: 'String', StringValue: 'rdsftetl.dc_x_pa_flavor' },
        fileName: { DataType: 'String', StringValue: 'PROD_20151016_090000000_PA_FLAVOR_527.txt' },
        runId: { DataType: 'String', StringValue: 'run-1' },
        payload: {
          DataType: 'String',
          StringValue:
            '{"fileName":"PROD_20151016_090000000_PA_FLAVOR_527.txt","interface":"527","targetTable":"rdsftetl.dc_x_pa_flavor",' +
            '"status":"FAILED","success":false,"rowsLoaded":null,"rowsRejected":null,"error":"trailer says 4 records, file has 3",' +
            '"auditId":42,"runId":"run-1","durationMs":1250}',
        },
      },
    });
    expect(buildPublishInput(failed, topic)).not.toHaveProperty('MessageStructure');
  });

  it('leaves the custom error text out of a success and keeps attributes under the ten raw SQS delivery allows', () => {
    const input = buildPublishInput(
      { ...failed, status: 'FINISHED', success: true, error: null, rowsLoaded: 3, rowsRejected: 0 },
      topic,
    );
    expect(input.Message).not.toContain('Call the data team.');
    expect(Object.keys(input.MessageAttributes ?? {})).toHaveLength(8);
  });

  it('lets the example filter policy through for failures of interface 527 only', async () => {
    const policy = JSON.parse(
      await readFile(
        new URL('../../../../orchestration/filter-policies/interface-527-failures.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, string[]>;
    const attributes = (message: FileStatusMessage) =>
      buildPublishInput(message, topic).MessageAttributes as Record<string, MessageAttribute>;
    expect(matches(policy, attributes(failed))).toBe(true);
    expect(matches(policy, attributes({ ...failed, status: 'FINISHED', success: true }))).toBe(false);
    expect(matches(policy, attributes({ ...failed, interface: '558' }))).toBe(false);
  });

  it('cleans subjects of control and non-ASCII characters and cuts them under 100 characters', () => {
    expect(cleanSubject('Ferry FAILED:\r\n bad\u0007name\u0085 café.txt')).toBe(
      'Ferry FAILED: bad name caf?.txt',
    );
    const long = cleanSubject(`Ferry FAILED (failed): ${'x'.repeat(200)}.txt`);
    expect(long).toHaveLength(99);
    expect(long.endsWith('...')).toBe(true);
  });

  it('publishes through the client and turns a throttled publish into a transient error naming the run', async () => {
    const sent: unknown[] = [];
    const notifier = new SnsNotifier(
      { send: async (command: { input: unknown }) => void sent.push(command.input) } as never,
      topic,
    );
    await notifier.publish(failed);
    expect(sent).toEqual([buildPublishInput(failed, topic)]);

    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    const failing = new SnsNotifier({ send: async () => Promise.reject(throttled) } as never, topic);
    const error = await failing.publish(failed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).context).toEqual({ runId: 'run-1' });
    expect((error as Error).message).toBe(`SNS Publish to ${topic} failed: Throttling: Rate exceeded`);
  });
});
