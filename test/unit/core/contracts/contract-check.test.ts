import { describe, expect, it } from 'vitest';
import { checksAttribute, describeCheck, withCheck } from '../../../../lib/core/contracts/contract-check.js';
import { statusAttributes, statusPayload } from '../../../../lib/core/notify/status-payload.js';
import { statusText } from '../../../../lib/core/notify/status-text.js';
import type { FileStatusMessage } from '../../../../lib/ports/notifier.js';

const gap = { check: 'sequence', outcome: 'warned', expected: '528', found: '530' } as const;
const sum = { check: 'control_sum', outcome: 'passed' } as const;

const message: FileStatusMessage = {
  fileName: 'ORDERS_530.txt',
  interface: '540',
  targetTable: 'rdsftetl.orders',
  status: 'FINISHED',
  success: true,
  rowsLoaded: 3,
  rowsRejected: 0,
  error: null,
  auditId: 7,
  runId: 'run-1',
  durationMs: 5,
  checks: [gap, sum],
};

describe('contract checks', () => {
  it('replace an earlier verdict of the same check in place and append a new one', () => {
    const failedSum = { check: 'control_sum', outcome: 'failed', expected: '10.00', found: '9.99' } as const;
    expect(withCheck([sum, gap], failedSum)).toEqual([failedSum, gap]);
    expect(withCheck(undefined, gap)).toEqual([gap]);
  });

  it('read as check:outcome pairs for a filter attribute and as words for people', () => {
    expect(checksAttribute([gap, sum])).toBe('sequence:warned,control_sum:passed');
    expect(describeCheck(gap)).toBe('sequence warned: expected 528, found 530');
    expect(describeCheck(sum)).toBe('control_sum passed');
  });

  it('travel in the notification: a filter attribute, the payload and one line each in the text', () => {
    expect(statusAttributes(message).checks).toEqual({
      DataType: 'String',
      StringValue: 'sequence:warned,control_sum:passed',
    });
    expect(Object.keys(statusAttributes(message)).length).toBeLessThanOrEqual(10);
    expect(statusPayload(message).checks).toEqual([gap, sum]);
    expect(statusText(message)).toContain('Check:         sequence warned: expected 528, found 530\n');
  });

  it('are absent from a notification without a contract', () => {
    const { checks: _, ...plain } = message;
    expect(statusAttributes(plain).checks).toBeUndefined();
    expect(statusPayload(plain)).not.toHaveProperty('checks');
    expect(statusText(plain)).not.toContain('Check:');
  });
});
