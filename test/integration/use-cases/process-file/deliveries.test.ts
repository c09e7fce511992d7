// Deliveries as S3 and Lambda really make them: repeated, concurrent, re-uploaded, URL-encoded, retried after a glitch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransientError } from '../../../../lib/core/errors.js';
import { buildS3Event } from '../../../../lib/core/events/s3-event.js';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import { makeHandler } from '../../../../lib/wiring/process-file-handler.js';
import { auditsOf, openWorld, runOf, sampleFile, type World, worlds } from './pipeline-harness.js';

const name = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';

async function runsOfKey(world: World, key: string) {
  return world.database.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('object_key', '=', key)
    .orderBy('created_at')
    .execute();
}

describe.each(worlds)('deliveries on $name', (target) => {
  let world: World;
  beforeEach(async () => {
    world = await openWorld(target);
  });
  afterEach(async () => {
    await world.close();
  });

  it('treats a second delivery of the same event as a duplicate and submits once', async () => {
    const { event } = await world.upload(name, sampleFile(name));

    const first = await processEvent(world.deps, event);
    const second = await processEvent(world.deps, event);

    expect(first.results[0]).toMatchObject({ status: 'submitted' });
    expect(second.results).toEqual([
      { key: `external_input/${name}`, status: 'duplicate', runId: first.results[0]!.runId },
    ]);
    expect(world.warehouse.submissions).toHaveLength(1);
    expect(await runsOfKey(world, `external_input/${name}`)).toHaveLength(1);
    expect(world.logs.filter((line) => line.msg === 'duplicate delivery ignored')).toEqual([
      expect.objectContaining({
        runId: first.results[0]!.runId,
        state: 'SUBMITTED',
        key: `external_input/${name}`,
      }),
    ]);
  });

  it('submits exactly once when 20 deliveries of one event run at the same time', async () => {
    const { event } = await world.upload(name, sampleFile(name));

    const outcomes = await Promise.all(Array.from({ length: 20 }, () => processEvent(world.deps, event)));

    const statuses = outcomes.map((outcome) => outcome.results[0]!.status).sort();
    expect(statuses.filter((status) => status === 'submitted')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(19);
    expect(new Set(outcomes.map((outcome) => outcome.results[0]!.runId)).size).toBe(1);
    expect(world.warehouse.submissions).toHaveLength(1);
    const runs = await runsOfKey(world, `external_input/${name}`);
    expect(runs.map((run) => run.state)).toEqual(['SUBMITTED']);
    expect(await auditsOf(world, runs[0]!.run_id)).toHaveLength(1);
  });

  it('starts a new run when the same key is uploaded again with new content', async () => {
    const first = await world.upload(name, sampleFile(name));
    const firstOutcome = await processEvent(world.deps, first.event);
    const changed = sampleFile(name).toString('utf8').replace('4.25', '4.30');
    const second = await world.upload(name, changed);

    const secondOutcome = await processEvent(world.deps, second.event);

    expect(second.info.etag).not.toBe(first.info.etag);
    expect(secondOutcome.results[0]).toMatchObject({ status: 'submitted' });
    expect(secondOutcome.results[0]!.runId).not.toBe(firstOutcome.results[0]!.runId);
    expect(world.warehouse.submissions.map((s) => s.name)).toEqual([
      `ferry:${firstOutcome.results[0]!.runId}`,
      `ferry:${secondOutcome.results[0]!.runId}`,
    ]);
    const runs = await runsOfKey(world, `external_input/${name}`);
    expect(runs.map((run) => [run.etag.replaceAll('"', ''), run.state])).toEqual([
      [first.info.etag.replaceAll('"', ''), 'SUBMITTED'],
      [second.info.etag.replaceAll('"', ''), 'SUBMITTED'],
    ]);
  });

  it('decodes URL-encoded keys with spaces, plus signs, percents, quotes and non-ASCII letters', async () => {
    const odd = `Q3 report+final 100% "it's" \u00e9t\u00e9 \u6771\u4eac_527.txt`;
    const { event, info } = await world.upload(odd, sampleFile(name));
    const encoded = event.Records[0]!.s3.object.key;

    const { results } = await processEvent(world.deps, event);

    expect(encoded).toBe(
      'external_input/Q3+report%2Bfinal+100%25+%22it%27s%22+%C3%A9t%C3%A9+%E6%9D%B1%E4%BA%AC_527.txt',
    );
    expect(results).toEqual([{ key: info.key, status: 'submitted', runId: expect.any(String) }]);
    const run = await runOf(world, results[0]!.runId!);
    expect(run.object_key).toBe(`external_input/${odd}`);
    expect(await world.text(`processing/${run.run_id}/${odd}`)).toBe(
      sampleFile(name).toString('utf8').replace('TRL0000000006\n', ''),
    );
    const insert = world.warehouse.submissions[0]!.sqls[2]!;
    expect(insert).toContain(`SELECT "flavor_id"`);
    expect(insert).toContain(`'Q3 report+final 100% "it''s" \u00e9t\u00e9 \u6771\u4eac_527.txt'`);
    const copy = world.warehouse.submissions[0]!.sqls[1]!;
    expect(copy).toContain(
      `FROM 's3://${world.store.bucket}/processing/${run.run_id}/Q3 report+final 100% "it''s" \u00e9t\u00e9 \u6771\u4eac_527.txt.manifest'`,
    );
  });

  it('keeps the run on a transient submission failure, and the retried event submits it with the same client token', async () => {
    const { event } = await world.upload(name, sampleFile(name));
    world.warehouse.failSubmitWhen(() => new TransientError('Rate exceeded (ThrottlingException)'));
    const handler = makeHandler(async () => world.deps);

    await expect(handler(event)).rejects.toThrow(
      `expected every record to finish, found 1 failed transiently: external_input/${name} (Rate exceeded (ThrottlingException))`,
    );

    // The warehouse may hold the load, so nothing is undone: the run waits SUBMITTED for the redelivery.
    const [waiting] = await runsOfKey(world, `external_input/${name}`);
    expect(waiting).toMatchObject({ state: 'SUBMITTED', statement_id: null, retired_at: null });
    expect(await world.keys('external_input/')).toEqual([`external_input/${name}`]);
    expect(world.warehouse.submissions).toEqual([]);
    expect(world.notifier.messages).toEqual([]);

    world.warehouse.failSubmitWhen(undefined);
    const retried = await handler(event);

    expect(retried.results).toEqual([
      { key: `external_input/${name}`, status: 'submitted', runId: waiting!.run_id },
    ]);
    expect(world.warehouse.submissions.map((s) => s.clientToken)).toEqual([waiting!.run_id]);
    const again = await handler(event);
    expect(again.results[0]?.status).toBe('duplicate');
    expect(world.warehouse.submissions).toHaveLength(1);
    expect(await runOf(world, waiting!.run_id)).toMatchObject({
      state: 'SUBMITTED',
      statement_id: world.warehouse.submissions[0]!.id,
    });
  });

  it('processes every record of one event independently and logs each step with its context', async () => {
    const good = await world.upload(name, sampleFile(name));
    const bad = await world.upload(
      'PROD_20151016_090000000_PA_FLAVOR_527.txt',
      sampleFile('PROD_20151016_090000000_PA_FLAVOR_527.txt'),
    );
    const fixed = await world.upload('ACCT_20240101_600.dat', sampleFile('ACCT_20240101_600.dat'));
    const event = buildS3Event(
      [bad.info, good.info, fixed.info].map((info) => ({
        bucket: world.store.bucket,
        key: info.key,
        size: info.size,
        etag: info.etag,
      })),
    );
    event.Records.push({
      ...event.Records[0]!,
      s3: { ...event.Records[0]!.s3, object: { key: 'processing/x.txt', sequencer: '1' } },
    });

    const { results } = await processEvent(world.deps, event);

    expect(results.map((result) => [result.key, result.status])).toEqual([
      ['external_input/PROD_20151016_090000000_PA_FLAVOR_527.txt', 'failed'],
      [`external_input/${name}`, 'submitted'],
      ['external_input/ACCT_20240101_600.dat', 'submitted'],
      ['processing/x.txt', 'skipped'],
    ]);
    const prepared = world.logs.find(
      (line) => line.msg === 'file prepared' && line.key === `external_input/${name}`,
    );
    expect(prepared).toMatchObject({
      runId: results[1]!.runId,
      bucket: world.store.bucket,
      interface: '527',
      rule: 4,
      records: 6,
      bytes: sampleFile(name).length,
      durationMs: expect.any(Number),
    });
    const submitted = world.logs.find(
      (line) => line.msg === 'load submitted' && line.runId === results[1]!.runId,
    );
    expect(submitted).toMatchObject({
      statementId: world.warehouse.submissions[0]!.id,
      interface: '527',
      rule: 4,
    });
    expect(world.logs.find((line) => line.msg === 'record skipped')).toMatchObject({
      key: 'processing/x.txt',
      reason: 'expected a key under external_input/, found one outside it',
    });
  });
});
