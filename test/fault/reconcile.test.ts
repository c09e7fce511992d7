// Lost status events and log-status invocations that exhausted their retries: the reconciler finishes every run once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusOutcome } from '../../lib/use-cases/log-status/status-dependencies.js';
import { reconcile } from '../../lib/use-cases/reconcile/reconcile.js';
import type { ReconcileDependencies } from '../../lib/use-cases/reconcile/reconcile-dependencies.js';
import { expectFate, flavorFile, flavorFileName, notificationsOf } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

const RECONCILE_AFTER_MINUTES = 15;

/** The reconciler on the world's own ports and clock (the scheduled function builds the same from the environment). */
function reconcileDeps(world: FaultWorld): ReconcileDependencies {
  return {
    ...world.deps,
    db: world.faultyDb.db,
    settings: {
      ...world.deps.settings,
      region: 'us-east-1',
      reconcileAfterMinutes: RECONCILE_AFTER_MINUTES,
      reconcileMaxRuns: 50,
    },
  };
}

/** mulberry32: a small seeded generator, so the dropped events are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function submitted(world: FaultWorld, tag: string): Promise<{ key: string; runId: string }> {
  const name = flavorFileName(tag);
  const outcome = await world.deliver(await world.upload(name, flavorFile(tag)));
  await world.idle();
  const runId = outcome.ok ? outcome.value.results[0]?.runId : undefined;
  if (runId === undefined) throw new Error(`expected a run for ${name}, found ${JSON.stringify(outcome)}`);
  return { key: `external_input/${name}`, runId };
}

async function runRow(world: FaultWorld, runId: string) {
  return world.config.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
}

async function auditsOf(world: FaultWorld, runId: string) {
  return world.config.db
    .selectFrom('rdscnfg.ext_file_audit')
    .select(['file_process_status', 'error_msg'])
    .where('run_id', '=', runId)
    .execute();
}

async function errorArchive(world: FaultWorld, name: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of world.store.list('archive/error/')) {
    if (object.key.includes(name.replace(/\.txt$/, ''))) keys.push(object.key);
  }
  return keys;
}

describe.each(worldTargets)('the reconciler on %s', (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target);
  });
  afterEach(async () => {
    await world?.close();
  });

  it('finishes every run once after ~20% of status events are dropped and some log-status invocations die (Data API events are best effort, events-ref-redshift-data.html)', async () => {
    const random = seeded(14);
    const files = Array.from({ length: 10 }, (_, i) => `REC${i}${target.slice(0, 2).toUpperCase()}`);
    // Statement n of this pass: dropped (silent) or its log-status invocation failing for good (as into the DLQ).
    files.forEach((_, n) => {
      const roll = random();
      if (roll < 0.2) world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/, nth: n + 1 });
    });
    world.faultyWarehouse.faults.arm({ op: 'describe', nth: 2, times: 1 });
    world.faultyWarehouse.faults.arm({ op: 'describe', nth: 5, times: 1 });
    const runs = [];
    for (const tag of files) runs.push(await submitted(world, tag));
    const states = await Promise.all(runs.map(async (run) => (await runRow(world, run.runId)).state));
    // Rule 527 has post-load SQL: a lost transform event leaves its run LOADED, waiting on it.
    const waiting = states.filter((state) => state === 'SUBMITTED' || state === 'LOADED').length;
    expect(world.faultyWarehouse.silenced.size).toBeGreaterThan(0);
    expect(world.failedStatusEvents.length).toBe(2);
    expect(waiting).toBe(world.faultyWarehouse.silenced.size + 2);

    // Not yet overdue: the reconciler leaves them to their events.
    world.clearFaults();
    expect((await reconcile(reconcileDeps(world))).runs).toEqual([]);
    world.advanceClock((RECONCILE_AFTER_MINUTES + 5) * 60_000);
    const pass = await reconcile(reconcileDeps(world));
    await world.idle();

    expect(pass.runs.map((run) => run.action)).toEqual(Array(waiting).fill('resumed'));
    expect(pass.more).toBe(false);
    for (const run of runs) await expectFate(world, run.key, 'loaded');
    // A second pass finds nothing; every real event arriving late changes nothing and notifies no one again.
    expect((await reconcile(reconcileDeps(world))).runs).toEqual([]);
    const late: unknown[] = [];
    for (const event of world.statusEvents) {
      const outcome = await world.deliverStatus(event);
      late.push(outcome.ok ? (outcome.value as StatusOutcome).result : 'threw');
    }
    await world.idle();
    expect(new Set(late)).toEqual(new Set(['unchanged']));
    for (const run of runs) await expectFate(world, run.key, 'loaded');
  });

  it('fails a run whose statement the warehouse no longer knows, archives it to error and notifies once; a late event changes nothing', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { key, runId } = await submitted(world, `GONE${target}`);
    const known = (await runRow(world, runId)).statement_id as string;
    const unknown = '00000000-0000-4000-8000-000000000000';
    await world.config.db
      .updateTable('rdscnfg.ferry_run')
      .set({ statement_id: unknown })
      .where('run_id', '=', runId)
      .execute();
    world.advanceClock((RECONCILE_AFTER_MINUTES + 1) * 60_000);

    const pass = await reconcile(reconcileDeps(world));
    await world.idle();

    expect(pass.runs).toEqual([
      expect.objectContaining({
        runId,
        action: 'failed',
        outcome: expect.objectContaining({ result: 'failed' }),
      }),
    ]);
    const run = await runRow(world, runId);
    expect(run.state).toBe('FAILED');
    expect(run.error).toContain(
      `expected the warehouse to know load statement ${unknown} of run ${runId}, found it unknown`,
    );
    const fate = await expectFate(world, key, 'loaded').catch(() => undefined);
    expect(fate).toBeUndefined();
    expect(await auditsOf(world, runId)).toEqual([{ file_process_status: 'FAILED', error_msg: run.error }]);
    expect(await errorArchive(world, key.slice(key.lastIndexOf('/') + 1))).toHaveLength(1);
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });

    // The real event of the statement that did run, very late: the run stays failed and no one hears of it again.
    const real = world.statusEvents.find((event) => event.detail.statementId === known);
    const outcome = await world.deliverStatus({ ...real, detail: { ...real?.detail, statementId: unknown } });
    await world.idle();
    expect(outcome.ok).toBe(true);
    expect((await runRow(world, runId)).state).toBe('FAILED');
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });
  });

  it('fails a run SUBMITTED without a statement id, saying what it expected', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { runId } = await submitted(world, `NOID${target}`);
    await world.config.db
      .updateTable('rdscnfg.ferry_run')
      .set({ statement_id: null })
      .where('run_id', '=', runId)
      .execute();
    world.advanceClock((RECONCILE_AFTER_MINUTES + 1) * 60_000);

    await reconcile(reconcileDeps(world));
    await world.idle();

    const run = await runRow(world, runId);
    expect([run.state, run.error]).toEqual([
      'FAILED',
      expect.stringContaining(`expected run ${runId} to record the id of its load statement, found none`),
    ]);
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });
  });

  it('leaves a run whose statement is still running alone', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    world.faultyWarehouse.faults.arm({ op: 'describe-running', match: /^ferry:/ });
    const { runId } = await submitted(world, `RUNS${target}`);
    world.advanceClock((RECONCILE_AFTER_MINUTES + 1) * 60_000);

    const pass = await reconcile(reconcileDeps(world));

    expect(pass.runs).toEqual([{ runId, action: 'running', status: 'STARTED' }]);
    expect((await runRow(world, runId)).state).toBe('SUBMITTED');
    expect(await notificationsOf(world, runId)).toEqual({});
  });
});

describe.each(worldTargets)("log-status's terminal path on %s", (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target);
  });
  afterEach(async () => {
    await world?.close();
  });

  async function expectFailedOnce(key: string, runId: string, message: string) {
    const run = await runRow(world, runId);
    expect([run.state, run.error]).toEqual(['FAILED', expect.stringContaining(message)]);
    expect(await auditsOf(world, runId)).toEqual([{ file_process_status: 'FAILED', error_msg: run.error }]);
    expect(await errorArchive(world, key.slice(key.lastIndexOf('/') + 1))).toHaveLength(1);
    expect(await world.store.head(key)).toBeUndefined();
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });
  }

  it('fails the run a malformed event names, and only reports one that names no run', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { key, runId } = await submitted(world, `BAD${target}`);
    const malformed = {
      source: 'aws.redshift-data',
      'detail-type': 'Redshift Data Statement Status Change',
      detail: { statementName: `ferry:${runId}`, state: 42 },
    };

    const named = await world.deliverStatus(malformed);
    const again = await world.deliverStatus(malformed);
    const nameless = await world.deliverStatus({ detail: { state: 'FINISHED' } });
    await world.idle();

    expect(named).toMatchObject({ ok: true, value: { result: 'failed', state: 'FAILED' } });
    expect(again).toMatchObject({ ok: true, value: { result: 'unchanged' } });
    expect(nameless).toMatchObject({
      ok: true,
      value: {
        result: 'rejected',
        reason: 'malformed',
        error: expect.stringContaining('expected a Data API status event'),
      },
    });
    await expectFailedOnce(
      key,
      runId,
      'detail.statementId (Invalid input: expected string, received undefined), found nothing',
    );
  });

  it('fails the run whose rule was deleted while its load ran, naming the rows the load left', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { key, runId } = await submitted(world, `DEL${target}`);
    const ruleId = (await runRow(world, runId)).ext_file_config_sid as number;
    await world.config.db
      .deleteFrom('rdscnfg.ext_file_config_dtl')
      .where('ext_file_config_sid', '=', ruleId)
      .execute();
    await world.config.db
      .deleteFrom('rdscnfg.ext_file_config')
      .where('ext_file_config_sid', '=', ruleId)
      .execute();
    const event = world.statusEvents.at(-1);

    const outcome = await world.deliverStatus(event);
    await world.deliverStatus(event);
    await world.idle();

    expect(outcome).toMatchObject({ ok: true, value: { result: 'failed' } });
    await expectFailedOnce(
      key,
      runId,
      `expected a rdscnfg.ext_file_config row with sid ${ruleId}, found none`,
    );
    const run = await runRow(world, runId);
    expect([run.rows_loaded, run.error]).toEqual([3, expect.stringContaining('its 3 rows stay in')]);
  });

  it('fails the run when the warehouse refuses its statement for good, instead of retrying forever', async () => {
    world.faultyWarehouse.faults.arm({ op: 'fail-statement', match: /^ferry:/ });
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { key, runId } = await submitted(world, `PERM${target}`);
    world.faultyWarehouse.faults.arm({ op: 'describe', error: 'terminal', times: Number.POSITIVE_INFINITY });

    const outcome = await world.deliverStatus(world.statusEvents.at(-1));
    await world.idle();

    expect(outcome).toMatchObject({ ok: true, value: { result: 'failed' } });
    await expectFailedOnce(key, runId, 'injected fault: describe');
  });

  it('still rethrows a transient failure so Lambda retries it', async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const { runId } = await submitted(world, `TRAN${target}`);
    world.faultyWarehouse.faults.arm({ op: 'describe', error: 'network' });

    const outcome = await world.deliverStatus(world.statusEvents.at(-1));

    expect(outcome.ok).toBe(false);
    expect((await runRow(world, runId)).state).toBe('SUBMITTED');
  });

  it("publishes a failed COPY's notification once whose row-level reason never came (the follow-up's event was lost)", async () => {
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry-rejects:/ });
    const name = flavorFileName(`HELD${target.slice(0, 2).toUpperCase()}`);
    const body =
      '1|HELD1|Flavor 1|Fruit|2015-10-01|1.50|Y\n2|HELD2|Flavor 2|Fruit|2015-10-01|4.x5|Y\nTRL0000000002\n';
    const outcome = await world.deliver(await world.upload(name, body));
    await world.idle();
    const runId = outcome.ok ? outcome.value.results[0]?.runId : undefined;
    if (runId === undefined) throw new Error(`expected a run for ${name}, found ${JSON.stringify(outcome)}`);
    expect((await runRow(world, runId)).state).toBe('FAILED');
    // Held for the reason the lost follow-up would have brought.
    expect(await notificationsOf(world, runId)).toEqual({});
    expect((await reconcile(reconcileDeps(world))).notified).toBe(0);

    await world.config.db
      .updateTable('rdscnfg.ferry_notification')
      .set({ held_until: new Date(Date.now() - 1000) })
      .where('run_id', '=', runId)
      .execute();
    const pass = await reconcile(reconcileDeps(world));

    expect(pass.notified).toBe(1);
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });
    expect((await reconcile(reconcileDeps(world))).notified).toBe(0);
    expect(await notificationsOf(world, runId)).toEqual({ FAILED: 1 });
  });
});
