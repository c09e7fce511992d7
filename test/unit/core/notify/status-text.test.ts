import { describe, expect, it } from 'vitest';
import { statusSubject, statusText } from '../../../../lib/core/notify/status-text.js';
import type { FileStatusMessage } from '../../../../lib/ports/notifier.js';

const loaded: FileStatusMessage = {
  fileName: 'PROD_1_527.txt',
  interface: '527',
  targetTable: 'rdsftetl.dc_x_pa_flavor',
  status: 'FINISHED',
  success: true,
  rowsLoaded: 6,
  rowsRejected: 0,
  error: null,
  auditId: 12,
  runId: 'run-1',
  durationMs: 5,
  customErrorMessage: null,
};

describe('status notification text', () => {
  it('says succeeded for a load that rejected nothing', () => {
    expect(statusSubject(loaded)).toBe('Ferry FINISHED (succeeded): PROD_1_527.txt');
    expect(statusText(loaded).split('\n')[0]).toBe('Ferry processed file PROD_1_527.txt.');
  });

  it('says how many rows COPY rejected instead of succeeded, even when every row was rejected', () => {
    const rejected = { ...loaded, success: false, rowsLoaded: 0, rowsRejected: 2 };
    expect(statusSubject(rejected)).toBe('Ferry FINISHED (loaded with 2 rejected rows): PROD_1_527.txt');
    expect(statusText(rejected).split('\n')[0]).toBe(
      'Ferry loaded file PROD_1_527.txt, but COPY rejected 2 rows (`ferry errors 12` lists them).',
    );
  });
});
