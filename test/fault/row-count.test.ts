// Rows loaded + rejected must equal the records validated: a load that read other bytes than were validated fails loudly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditRows } from '../../lib/cli/commands/status.js';
import { assertFileAccountedFor } from '../support/invariants.js';
import { flavorFile, flavorFileName, notificationsOf, rowsOf } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

/** Between validation and COPY the prepared copy loses its first data line: what was validated is not what loads. */
function dropFirstPreparedLine(world: FaultWorld, name: string): void {
  world.faultyWarehouse.beforeSubmit = async (request) => {
    if (!request.name.startsWith('ferry:')) return;
    for await (const object of world.store.list('processing/')) {
      if (!object.key.endsWith(name)) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of await world.store.get(object.key)) chunks.push(chunk as Buffer);
      const lines = Buffer.concat(chunks).toString('utf8').split('\n');
      await world.store.put(object.key, `${lines.slice(1).join('\n')}`);
    }
  };
}

describe.each(worldTargets)('the row count check after a load on %s', (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target);
  });
  afterEach(async () => {
    world.faultyWarehouse.beforeSubmit = undefined;
    await world?.close();
  });

  it('fails the run with expected and found when the load read fewer rows than the trailer counted', async () => {
    const name = flavorFileName(`ROWS${target.slice(0, 2)}`);
    const key = `external_input/${name}`;
    const event = await world.upload(name, flavorFile('ROWSRO', 3));
    dropFirstPreparedLine(world, name);

    await world.deliver(event);
    await world.idle();

    const fate = await assertFileAccountedFor(world.runtime(), key);
    if (fate.kind !== 'failed') throw new Error(`expected the file to fail, found it ${fate.kind}`);
    const error =
      'expected rows loaded + rejected to equal the 3 records validated (the trailer count), found 2 loaded + ' +
      `0 rejected = 2; the 2 loaded rows stay in rdsftetl.dc_x_pa_flavor with file_name '${name}'`;
    expect([fate.run.state, fate.run.rows_loaded, fate.run.rows_rejected]).toEqual(['FAILED', 2, 0]);
    expect(fate.run.error).toContain(error);
    expect(fate.archiveKey.startsWith('archive/error/')).toBe(true);
    expect(await rowsOf(world, name)).toBe(2);
    expect(await notificationsOf(world, fate.run.run_id)).toEqual({ FAILED: 1 });
    // What `ferry status --failed` lists.
    const listed = await auditRows(world.config, { failed: true, limit: 5 });
    expect(listed).toEqual([
      expect.objectContaining({ file: name, status: 'FAILED', loaded: 'N', rows: 2, rejected: 0 }),
    ]);
    expect(String(listed[0]?.error)).toContain(error);
    // No post-load SQL ran on the partial rows.
    expect(fate.run.transform_statement_id).toBeNull();
  });

  it('fails a loaded run under max_errors when SYS_LOAD_ERROR_DETAIL counts fewer rejects than rows went missing', async () => {
    // Under MAXERROR, records − loaded is only what the rejects should be; the follow-up's count is what they were.
    await world.config.db
      .updateTable('rdscnfg.ext_file_config')
      .set({ max_errors: 5 })
      .where('tgt_table_name', '=', 'dc_x_pa_flavor')
      .execute();
    const name = flavorFileName(`REJS${target.slice(0, 2)}`);
    const key = `external_input/${name}`;
    const event = await world.upload(name, flavorFile('REJSRO', 3));
    dropFirstPreparedLine(world, name);

    await world.deliver(event);
    await world.idle();

    const fate = await assertFileAccountedFor(world.runtime(), key);
    if (fate.kind !== 'failed') throw new Error(`expected the file to fail, found it ${fate.kind}`);
    expect([fate.run.state, fate.run.rows_loaded, fate.run.rows_rejected]).toEqual(['FAILED', 2, 0]);
    expect(fate.run.error).toContain(
      'expected rows loaded + rejected to equal the 3 records validated (the trailer count), found 2 loaded + ' +
        `0 rejected = 2; the 2 loaded rows stay in rdsftetl.dc_x_pa_flavor with file_name '${name}'`,
    );
    expect(fate.archiveKey.startsWith('archive/error/')).toBe(true);
    expect(await rowsOf(world, name)).toBe(2);
    // The count fails it loudly, once. Its post-load SQL's event may come first (then TRANSFORMED was told, with 1
    // rejected row) or after the failure (then it finds the run FAILED and tells nothing): both orders are AWS's.
    const told = await notificationsOf(world, fate.run.run_id);
    expect(told.FAILED).toBe(1);
    expect(Object.keys(told).filter((status) => status !== 'FAILED' && status !== 'TRANSFORMED')).toEqual([]);
    expect(told.TRANSFORMED ?? 0).toBeLessThanOrEqual(1);
    const audit = await world.config.db
      .selectFrom('rdscnfg.ext_file_audit')
      .select('contract_checks')
      .where('run_id', '=', fate.run.run_id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.contract_checks ?? '[]')).toContainEqual({
      check: 'control_count',
      outcome: 'failed',
      expected: '3 records',
      found: '2 loaded + 0 rejected rows',
    });
    const listed = await auditRows(world.config, { failed: true, limit: 5 });
    expect(listed).toEqual([
      expect.objectContaining({ file: name, status: 'FAILED', loaded: 'N', rows: 2, rejected: 0 }),
    ]);
  });
});
