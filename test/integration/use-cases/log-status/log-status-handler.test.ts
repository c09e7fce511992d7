import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../lib/adapters/pino-logger.js';
import {
  failureText,
  rowsLoadedBy,
  rowsRejectedBy,
} from '../../../../lib/use-cases/log-status/load-outcome.js';
import type { StatusDependencies } from '../../../../lib/use-cases/log-status/status-dependencies.js';
import { checkStatusEvent } from '../../../../lib/use-cases/log-status/status-event-schema.js';
import { makeHandler } from '../../../../lib/wiring/log-status-handler.js';
import { describedLoad } from '../../../support/statement-descriptions.js';

const event = async (name: string) =>
  JSON.parse(
    await readFile(new URL(`../../../../orchestration/events/${name}.json`, import.meta.url), 'utf8'),
  ) as unknown;

describe('log-status handler', () => {
  it('accepts every example event and refuses other shapes saying what it found', async () => {
    for (const name of [
      'load-finished',
      'load-failed',
      'load-aborted',
      'transform-finished',
      'transform-failed',
      'not-ferry',
    ]) {
      expect(checkStatusEvent(await event(name))).toEqual({ ok: true, event: await event(name) });
    }
    expect(checkStatusEvent({ source: 'aws.s3' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining(
        'source (Invalid input: expected "aws.redshift-data"), found string "aws.s3"',
      ),
    });
    const noId = { ...((await event('load-finished')) as object), detail: { state: 'FINISHED' } };
    expect(checkStatusEvent(noId)).toMatchObject({
      ok: false,
      problem: expect.stringContaining(
        'detail.statementId (Invalid input: expected string, received undefined), found nothing',
      ),
    });
  });

  it('builds dependencies once per container and again only after a failed build', async () => {
    let builds = 0;
    const deps = {
      log: createLogger({ level: 'silent' }),
    } as unknown as StatusDependencies;
    const handler = makeHandler(async () => {
      builds += 1;
      if (builds === 1) throw new Error('secret not readable');
      return deps;
    });
    await expect(handler(await event('not-ferry'))).rejects.toThrow('secret not readable');
    const outcomes = [await handler(await event('not-ferry')), await handler(await event('not-ferry'))];
    expect(builds).toBe(2);
    expect(outcomes.map((o) => o.result)).toEqual(['ignored', 'ignored']);
  });
});

describe('load outcome', () => {
  it('reads rows loaded from the COPY sub-statement and counts rejects only under MAXERROR', () => {
    const described = describedLoad({ id: 's', status: 'FINISHED', rowsLoaded: 7, copyQueryId: 9 });
    expect(rowsLoadedBy(described)).toBe(7);
    expect(rowsRejectedBy({ maxErrors: 0 } as never, 10, 7)).toBe(0);
    expect(rowsRejectedBy({ maxErrors: 5 } as never, 10, 7)).toBe(3);
    expect(rowsRejectedBy({ maxErrors: 5 } as never, null, 7)).toBeNull();
  });

  it('takes the error from a sub-statement when the batch has none, and says so when there is none at all', () => {
    const failed = describedLoad({ id: 's', status: 'FAILED' });
    failed.subStatements[1]!.error = '  ERROR: Load failed  ';
    expect(failureText(failed)).toBe('ERROR: Load failed');
    expect(failureText(describedLoad({ id: 's', status: 'FAILED' }))).toBe(
      'statement s ended FAILED without an error message',
    );
  });
});
