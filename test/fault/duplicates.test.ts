// Duplicate and concurrent deliveries: one run and one load per file, rows stamped with their own file, one notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementStatusEvent } from '../../lib/ports/status-events.js';
import { assertNothingLost } from '../support/invariants.js';
import { expectFate, flavorFile, flavorFileName, notificationsOf, ROWS_PER_FILE } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

const sent = { s3: 0, status: 0 };

async function runsOf(world: FaultWorld, key: string) {
  return world.config.db.selectFrom('rdscnfg.ferry_run').selectAll().where('object_key', '=', key).execute();
}

function loadEventOf(world: FaultWorld, runId: string): StatementStatusEvent {
  const event = world.statusEvents.find((e) => e.detail.statementName === `ferry:${runId}`);
  if (!event) throw new Error(`expected a load status event for run ${runId}, found none`);
  return event;
}

describe.each(worldTargets)('duplicates and concurrency on %s', (target) => {
  let world: FaultWorld;
  beforeAll(async () => {
    world = await openFaultWorld(target);
  });
  afterAll(async () => {
    await world?.close();
    console.info(`duplicates on ${target}: ${sent.s3} S3 deliveries, ${sent.status} status deliveries`);
  });

  it('runs and loads once when one S3 event is delivered 100 times in a row', async () => {
    const name = flavorFileName(`SEQ${target}`);
    const event = await world.upload(name, flavorFile('SEQ'));
    const statuses: string[] = [];
    for (let i = 0; i < 100; i++) {
      const outcome = await world.deliver(event);
      if (outcome.ok) statuses.push(outcome.value.results[0]?.status ?? 'none');
    }
    sent.s3 += 100;
    await world.idle();

    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate' || s === 'skipped')).toHaveLength(99);
    expect(await runsOf(world, `external_input/${name}`)).toHaveLength(1);
    await expectFate(world, `external_input/${name}`, 'loaded');
  });

  it('runs and loads once when one S3 event is delivered 100 times at once', async () => {
    const name = flavorFileName(`CON${target}`);
    const event = await world.upload(name, flavorFile('CON'));
    const outcomes = await Promise.all(Array.from({ length: 100 }, () => world.deliver(event)));
    sent.s3 += 100;
    await world.idle();

    const statuses = outcomes.map((o) => (o.ok ? o.value.results[0]?.status : 'threw'));
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'threw')).toHaveLength(0);
    expect(await runsOf(world, `external_input/${name}`)).toHaveLength(1);
    await expectFate(world, `external_input/${name}`, 'loaded');
  });

  it('stamps every row with its own file name when 50 files load into one table at once', async () => {
    const names = Array.from({ length: 50 }, (_, i) => flavorFileName(`MANY${i}${target}`));
    const events = await Promise.all(
      names.map((name, i) => world.upload(name, flavorFile(`M${i}x`, 2 + (i % 5)))),
    );
    await Promise.all(events.map((event) => world.deliver(event)));
    sent.s3 += 50;
    await world.idle();

    const result = await world.query(
      `select file_name, count(*) from rdsftetl.dc_x_pa_flavor where file_name like 'PROD_MANY%${target}_PA_FLAVOR_527.txt' group by file_name`,
    );
    const counts = new Map(result.rows.map((row) => [String(row[0]), Number(row[1])]));
    expect(counts.size).toBe(50);
    expect(names.map((name) => counts.get(name))).toEqual(names.map((_, i) => 2 + (i % 5)));
    // Each row carries the file it came from: its flavor code starts with that file's tag.
    const rows = await world.query(
      `select file_name, flavor_code from rdsftetl.dc_x_pa_flavor where file_name like 'PROD_MANY%${target}_PA_FLAVOR_527.txt'`,
    );
    const misplaced = rows.rows.filter(([file, code]) => {
      const index = names.indexOf(String(file));
      return !String(code).startsWith(`M${index}x`);
    });
    expect(misplaced).toEqual([]);
    const fates = await assertNothingLost(
      world.runtime(),
      names.map((name) => `external_input/${name}`),
    );
    expect(fates.map((fate) => fate.kind)).toEqual(names.map(() => 'loaded'));
  });

  it('notifies once when the same status event arrives 20 times at once', async () => {
    const name = flavorFileName(`EVT${target}`);
    const event = await world.upload(name, flavorFile('EVT'));
    const outcome = await world.deliver(event);
    await world.idle();
    const runId = outcome.ok ? (outcome.value.results[0]?.runId ?? '') : '';
    const loadEvent = loadEventOf(world, runId);
    const transformEvent = world.statusEvents.find(
      (e) => e.detail.statementName === `ferry-transform:${runId}`,
    );

    const repeats = await Promise.all(
      Array.from({ length: 20 }, (_, i) => world.deliverStatus(i % 2 === 0 ? loadEvent : transformEvent)),
    );
    sent.status += 20;
    await world.idle();

    expect(repeats.every((r) => r.ok)).toBe(true);
    expect(await notificationsOf(world, runId)).toEqual({ TRANSFORMED: 1 });
    await expectFate(world, `external_input/${name}`, 'loaded');
  });

  it('changes nothing when a FAILED event arrives after FINISHED, or the transform event before the load event', async () => {
    const name = flavorFileName(`OOO${target}`);
    const event = await world.upload(name, flavorFile('OOO'));
    const outcome = await world.deliver(event);
    await world.idle();
    const runId = outcome.ok ? (outcome.value.results[0]?.runId ?? '') : '';
    const loadEvent = loadEventOf(world, runId);
    const transformEvent = world.statusEvents.find(
      (e) => e.detail.statementName === `ferry-transform:${runId}`,
    );
    const failedAfterFinished = { ...loadEvent, detail: { ...loadEvent.detail, state: 'FAILED' } };

    const late = await world.deliverStatus(failedAfterFinished);
    const early = await world.deliverStatus(transformEvent);
    const loadAgain = await world.deliverStatus(loadEvent);
    sent.status += 3;
    await world.idle();

    expect([late.ok, early.ok, loadAgain.ok]).toEqual([true, true, true]);
    expect(await notificationsOf(world, runId)).toEqual({ TRANSFORMED: 1 });
    const fate = await expectFate(world, `external_input/${name}`, 'loaded');
    expect(fate.kind === 'loaded' && fate.rows).toBe(ROWS_PER_FILE);
  });
});
