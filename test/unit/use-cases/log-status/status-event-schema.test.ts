import { describe, expect, it } from 'vitest';
import { checkStatusEvent } from '../../../../lib/use-cases/log-status/status-event-schema.js';

const good = {
  version: '0',
  source: 'aws.redshift-data',
  'detail-type': 'Redshift Data Statement Status Change',
  detail: {
    statementId: 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a',
    state: 'FINISHED',
    statementName: 'ferry:x',
    rows: 1,
  },
};

describe('checkStatusEvent', () => {
  it('passes a status event through with the fields it does not read', () => {
    expect(checkStatusEvent(good)).toEqual({ ok: true, event: good });
  });

  it('names every problem with what it expected and what it found, and keeps the statement name', () => {
    const checked = checkStatusEvent({
      ...good,
      source: 'aws.s3',
      detail: { statementName: 'ferry:x', state: 3 },
    });
    expect(checked).toEqual({
      ok: false,
      statementName: 'ferry:x',
      problem:
        'expected a Data API status event: source (Invalid input: expected "aws.redshift-data"), found string "aws.s3"; ' +
        'detail.statementId (Invalid input: expected string, received undefined), found nothing; ' +
        'detail.state (Invalid input: expected string, received number), found number 3',
    });
  });

  it('says what it found when the event is not an object at all', () => {
    expect(checkStatusEvent(null)).toEqual({
      ok: false,
      problem:
        'expected a Data API status event: the event (Invalid input: expected object, received null), found null',
    });
  });
});
