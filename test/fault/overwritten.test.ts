// A file overwritten while its load is SUBMITTED: the load finishes by its statement, the new version gets a run of its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusEvent } from '../../lib/core/events/status-event.js';
import type { RunRow } from '../../lib/records/tables.js';
import { flavorFile, flavorFileName } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

async function rowsTagged(world: FaultWorld, tag: string): Promise<number> {
  const result = await world.query(
    `select count(*) from rdsftetl.dc_x_pa_flavor where flavor_code like '${tag}%'`,
  );
  return Number(result.rows[0]?.[0]);
}

async function bucketKeys(world: FaultWorld, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of world.store.list(prefix)) keys.push(object.key);
  return keys;
}

function archivedKeysOf(run: RunRow | undefined): string[] {
  const keys = run?.details.archivedKeys;
  return Array.isArray(keys) ? (keys as string[]) : [];
}

function runsOf(world: FaultWorld, key: string): Promise<RunRow[]> {
  return world.config.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('object_key', '=', key)
    .orderBy('created_at')
    .execute();
}

describe.each(worldTargets)('a file overwritten while its load is SUBMITTED on %s', (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target);
  });
  afterEach(async () => {
    await world?.close();
  });

  it('finishes the first run by its statement and loads the new version under a run of its own', async () => {
    const name = flavorFileName(`OVER${target.slice(0, 2)}`);
    const key = `external_input/${name}`;
    const first = await world.upload(name, flavorFile('OLDOLD', 3));
    // The load runs, but its status event is late: the run waits in SUBMITTED.
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    await world.deliver(first);
    await world.idle();
    const [submitted] = await runsOf(world, key);
    expect(submitted?.state).toBe('SUBMITTED');

    // The partner uploads a corrected file under the same key; its event comes before the first load's.
    const second = await world.upload(name, flavorFile('NEWNEW', 4));
    await world.deliver(second);
    await world.idle();
    const late = buildStatusEvent(
      await world.standIn.describe(submitted?.statement_id ?? ''),
      { account: '000000000000', region: 'us-east-1', clusterId: 'ferry-local', principal: 'ferry-test' },
      new Date(),
    );
    const outcome = await world.deliverStatus(late);
    await world.idle();

    expect(outcome).toMatchObject({ ok: true, value: { result: 'recorded', state: 'LOADED' } });
    const [old, newer] = await runsOf(world, key);
    expect([old?.run_id, old?.state, old?.rows_loaded, old?.retired_at]).toEqual([
      submitted?.run_id,
      'TRANSFORMED',
      3,
      null,
    ]);
    expect([newer?.state, newer?.rows_loaded, newer?.retired_at, newer?.etag === old?.etag]).toEqual([
      'TRANSFORMED',
      4,
      null,
      false,
    ]);
    expect([await rowsTagged(world, 'OLDOLD'), await rowsTagged(world, 'NEWNEW')]).toEqual([3, 4]);
    // The newer version's archive copy is its own run's; the old run's original was overwritten, so only its
    // prepared copy (the trailer-less bytes that were loaded) is archived, and the run says so.
    const newCopy = archivedKeysOf(newer)[0] ?? '';
    expect(await world.store.head(newCopy)).toMatchObject({ etag: newer?.etag });
    expect(old?.details).toMatchObject({ originalReplaced: true });
    const oldKeys = archivedKeysOf(old);
    expect(oldKeys.every((archived) => archived.includes('/preprocessed_file_'))).toBe(true);
    expect(await world.store.head(key)).toBeUndefined();
    expect(await bucketKeys(world, 'processing/')).toEqual([]);
  });

  it('leaves a newer version that has not run yet in the input when the first load finishes, for its own run', async () => {
    const name = flavorFileName(`OVR2${target.slice(0, 2)}`);
    const key = `external_input/${name}`;
    const first = await world.upload(name, flavorFile('OLDOLD', 3));
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    await world.deliver(first);
    await world.idle();
    const [submitted] = await runsOf(world, key);

    // The newer version lands; the first load's status event arrives before the newer version's S3 event.
    const second = await world.upload(name, flavorFile('NEWNEW', 4));
    const late = buildStatusEvent(
      await world.standIn.describe(submitted?.statement_id ?? ''),
      { account: '000000000000', region: 'us-east-1', clusterId: 'ferry-local', principal: 'ferry-test' },
      new Date(),
    );
    expect(await world.deliverStatus(late)).toMatchObject({ ok: true, value: { state: 'LOADED' } });
    await world.idle();
    expect((await world.store.head(key))?.etag).toBe(`"${second.Records[0]?.s3.object.eTag}"`);

    await world.deliver(second);
    await world.idle();
    const runs = await runsOf(world, key);
    expect(runs.map((run) => [run.state, run.rows_loaded])).toEqual([
      ['TRANSFORMED', 3],
      ['TRANSFORMED', 4],
    ]);
    expect([await rowsTagged(world, 'OLDOLD'), await rowsTagged(world, 'NEWNEW')]).toEqual([3, 4]);
    expect(await world.store.head(key)).toBeUndefined();
  });
});
