import { describe, expect, it } from 'vitest';
import {
  buildPutEventsInput,
  EventBridgeNotifier,
} from '../../../../lib/adapters/aws/eventbridge-notifier.js';
import { FanOutNotifier } from '../../../../lib/adapters/fan-out-notifier.js';
import { TransientError } from '../../../../lib/core/errors.js';
import type { FileStatusMessage, Notifier } from '../../../../lib/ports/notifier.js';

const loaded: FileStatusMessage = {
  fileName: 'hosp10_2014_RPT_558.csv.gz',
  interface: '558',
  targetTable: 'rdsftetl.hosp_rpt',
  status: 'FINISHED',
  success: true,
  rowsLoaded: 10,
  rowsRejected: 0,
  error: null,
  auditId: 7,
  runId: 'run-2',
  durationMs: 900,
  customErrorMessage: null,
};

describe('EventBridge notifier', () => {
  it('puts one ferry event with the payload as detail on the configured bus', () => {
    expect(buildPutEventsInput(loaded, 'ferry-bus')).toEqual({
      Entries: [
        {
          Source: 'ferry',
          DetailType: 'Ferry File Status Change',
          EventBusName: 'ferry-bus',
          Detail:
            '{"fileName":"hosp10_2014_RPT_558.csv.gz","interface":"558","targetTable":"rdsftetl.hosp_rpt","status":"FINISHED",' +
            '"success":true,"rowsLoaded":10,"rowsRejected":0,"error":null,"auditId":7,"runId":"run-2","durationMs":900}',
        },
      ],
    });
  });

  it('fails when PutEvents reports the entry as failed, though the call itself succeeded', async () => {
    const sent: unknown[] = [];
    const ok = new EventBridgeNotifier({
      send: async (command: { input: unknown }) => {
        sent.push(command.input);
        return { FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] };
      },
    } as never);
    await ok.publish(loaded);
    expect(sent).toEqual([buildPutEventsInput(loaded, 'default')]);

    const refused = new EventBridgeNotifier(
      {
        send: async () => ({
          FailedEntryCount: 1,
          Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }],
        }),
      } as never,
      'ferry-bus',
    );
    const error = await refused.publish(loaded).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe(
      'EventBridge PutEvents to ferry-bus: expected the event to be accepted, found ThrottlingException: slow down',
    );
  });
});

describe('fan-out notifier', () => {
  it('publishes on every channel even when one fails, then reports the failure', async () => {
    const received: string[] = [];
    const good: Notifier = { publish: async (m) => void received.push(m.runId) };
    const bad: Notifier = { publish: async () => Promise.reject(new Error('SNS down')) };
    await expect(new FanOutNotifier([bad, good]).publish(loaded)).rejects.toThrow('SNS down');
    expect(received).toEqual(['run-2']);
    await expect(new FanOutNotifier([bad, bad]).publish(loaded)).rejects.toThrow(
      'expected every notifier to publish, found 2 of 2 failing: SNS down; SNS down',
    );
  });
});
