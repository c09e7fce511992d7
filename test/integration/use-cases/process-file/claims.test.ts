// Claims that need care: a stale claim left by a dead invocation, an object replaced after its event, a refused submission.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../../../../lib/core/errors.js';
import { claimRun } from '../../../../lib/records/runs.js';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import {
  auditsOf,
  openWorld,
  runOf,
  sampleFile,
  stampedKeyPattern,
  type World,
  worlds,
} from './pipeline-harness.js';

const name = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const key = `external_input/${name}`;

describe.each(worlds)('claims on $name', (target) => {
  let world: World;
  beforeEach(async () => {
    world = await openWorld(target);
  });
  afterEach(async () => {
    await world.close();
  });

  it('ignores a delivery while another invocation holds a fresh claim', async () => {
    const { info, event } = await world.upload(name, sampleFile(name));
    const held = await claimRun(world.database.db, { bucket: world.store.bucket, key, etag: info.etag });

    const { results } = await processEvent(world.deps, event);

    expect(results).toEqual([{ key, status: 'duplicate', runId: held.run.id }]);
    expect(world.warehouse.submissions).toEqual([]);
  });

  it('takes over a claim left RECEIVED by an invocation that died more than 15 minutes ago', async () => {
    const { info, event } = await world.upload(name, sampleFile(name));
    const dead = await claimRun(world.database.db, { bucket: world.store.bucket, key, etag: info.etag });
    await world.database.db
      .updateTable('rdscnfg.ferry_run')
      .set({ updated_at: sql`now() - interval '16 minutes'` })
      .where('run_id', '=', dead.run.id)
      .execute();

    const { results } = await processEvent(world.deps, event);

    expect(results[0]).toMatchObject({ key, status: 'submitted' });
    expect(results[0]!.runId).not.toBe(dead.run.id);
    const old = await runOf(world, dead.run.id);
    expect(old).toMatchObject({
      state: 'RECEIVED',
      error: 'claim abandoned by an invocation that did not finish',
    });
    expect(old.retired_at).toBeInstanceOf(Date);
    expect(world.warehouse.submissions).toHaveLength(1);
  });

  it('skips an event whose object was replaced since, leaving the new content to its own event', async () => {
    const first = await world.upload(name, sampleFile(name));
    const second = await world.upload(name, sampleFile(name).toString('utf8').replace('4.25', '4.99'));

    const stale = await processEvent(world.deps, first.event);

    expect(stale.results).toEqual([
      {
        key,
        status: 'skipped',
        runId: expect.any(String),
        error: `expected the object with ETag ${first.info.etag}, found ETag ${second.info.etag}; it was replaced or removed`,
      },
    ]);
    expect((await runOf(world, stale.results[0]!.runId!)).retired_at).toBeInstanceOf(Date);
    expect(await world.keys('external_input/')).toEqual([key]);
    const fresh = await processEvent(world.deps, second.event);
    expect(fresh.results[0]).toMatchObject({ status: 'submitted' });
    expect(world.warehouse.submissions).toHaveLength(1);
  });

  it('fails the run, updating its one audit row, when the warehouse refuses the submission', async () => {
    const { event } = await world.upload(name, sampleFile(name));
    world.warehouse.failSubmitWhen(() => new TerminalError('ValidationException: SQL too long'));

    const { results } = await processEvent(world.deps, event);

    expect(results).toEqual([
      { key, status: 'failed', runId: expect.any(String), error: 'ValidationException: SQL too long' },
    ]);
    const run = await runOf(world, results[0]!.runId!);
    expect(run).toMatchObject({
      state: 'FAILED',
      error: 'ValidationException: SQL too long',
      prepared_keys: [],
    });
    const audits = await auditsOf(world, run.run_id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      ext_file_audit_sid: run.ext_file_audit_sid,
      file_process_status: 'FAILED',
      error_msg: 'ValidationException: SQL too long',
      tgt_table_name: 'dc_x_pa_flavor',
    });
    expect(audits[0]!.update_query).toContain('INSERT INTO "rdsftetl"."dc_x_pa_flavor"');
    expect(await world.keys('processing/')).toEqual([]);
    const archived = await world.keys('archive/');
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(stampedKeyPattern('archive/error/', name));
    expect(world.notifier.messages.map((message) => [message.status, message.error])).toEqual([
      ['FAILED', 'ValidationException: SQL too long'],
    ]);
  });
});
