// Same content under another name (duplicate_policy) and corrected re-sends (resend_policy), end to end through the
// local runtime on each config database and warehouse: runs, audit rows, notifications and the rows in the table.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { explainFile } from '../../lib/cli/explain-file.js';
import type { MetricRecord } from '../../lib/ports/metrics.js';
import type { ContractCheck } from '../../lib/ports/notifier.js';
import type { RunRow } from '../../lib/records/tables.js';
import { bucketKeys, openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

const table = 'rdsftetl.dc_x_pa_flavor';

/** A valid rule-4 file: one record per id, a trailer with their count. */
function flavorBody(ids: readonly number[], note = 'v1'): string {
  const lines = ids.map((id) => `${id}|F${id}|Flavor ${id} ${note}|Batch|2024-03-01|1.25|Y`);
  return `${lines.join('\n')}\nTRL${String(ids.length).padStart(10, '0')}\n`;
}

const keyOf = (name: string) => `external_input/${name}`;
const nameOf = (token: string) => `PROD_20240301_${token}_PA_FLAVOR_527.txt`;

/** The content verdicts (duplicate, resend): every trailer file also carries the trailer's control_count verdict. */
function content(checks: ContractCheck[] | undefined): ContractCheck[] | undefined {
  return checks?.filter((check) => check.check !== 'control_count');
}

describe.each(runtimeTargets)('duplicate content and re-sends on %s', (target) => {
  let runtime: TestRuntime;
  const metrics: MetricRecord[] = [];
  let gate: { open: Promise<void>; arrived: () => void } | undefined;
  const metricsOf = (run: RunRow) =>
    metrics.find((record) => record.runId === run.run_id && 'FilesReceived' in record.values);

  beforeAll(async () => {
    runtime = await openTestRuntime(target, {
      bounds: { redeliveryMs: 50, maxReceiveCount: 20 },
      decorate: (_ports, built) => {
        const standIn = built.warehouse;
        if (standIn === undefined) throw new Error('expected the local stand-in, found none');
        return {
          metrics: { record: (record: MetricRecord) => metrics.push(record) },
          warehouse: {
            // A replacing batch waits at the gate when one is set: a re-send held in flight, SUBMITTED.
            submit: async (request) => {
              if (gate && request.sqls.some((sql) => sql.startsWith('DELETE'))) {
                gate.arrived();
                await gate.open;
              }
              return standIn.submit(request);
            },
            describe: (id) => standIn.describe(id),
            results: (id) => standIn.results(id),
          },
        };
      },
    });
    // No post-load SQL: each run ends LOADED, and the rows in the target table are the whole story.
    await policies(null, null);
    await runtime.config.runScript(
      'update rdscnfg.ext_file_config set query = null where ext_file_config_sid = 4',
    );
  });
  afterAll(async () => {
    await runtime.close();
  });

  async function policies(duplicate: string | null, resend: string | null) {
    const literal = (value: string | null) => (value === null ? 'null' : `'${value}'`);
    await runtime.config.runScript(
      `update rdscnfg.ext_file_config set duplicate_policy = ${literal(duplicate)}, ` +
        `resend_policy = ${literal(resend)} where ext_file_config_sid = 4`,
    );
  }

  async function put(name: string, body: string): Promise<RunRow> {
    await runtime.store.put(keyOf(name), body);
    await runtime.idle();
    return latestRun(name);
  }

  async function latestRun(name: string): Promise<RunRow> {
    return runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .selectAll()
      .where('object_key', '=', keyOf(name))
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  }

  async function runsOfKey(name: string): Promise<RunRow[]> {
    return runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .selectAll()
      .where('object_key', '=', keyOf(name))
      .execute();
  }

  /** Polls the ledger: the waiting re-send is retried by the local queue on its own schedule. */
  async function waitFor(condition: () => Promise<boolean>): Promise<void> {
    for (let tries = 0; tries < 200; tries++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('expected the re-send to be sent back while the other was in flight, found it never was');
  }

  async function runById(runId: string): Promise<RunRow> {
    return runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .selectAll()
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow();
  }

  async function audit(run: RunRow) {
    return runtime.config.db
      .selectFrom('rdscnfg.ext_file_audit')
      .selectAll()
      .where('run_id', '=', run.run_id)
      .executeTakeFirstOrThrow();
  }

  async function notifications(run: RunRow) {
    const rows = await runtime.config.db
      .selectFrom('rdscnfg.ferry_outbox')
      .selectAll()
      .where('run_id', '=', run.run_id)
      .where('channel', '=', 'sns')
      .execute();
    return rows.map((row) => {
      const attributes = row.attributes as {
        payload: { StringValue: string };
        checks?: { StringValue: string };
      };
      const payload = JSON.parse(attributes.payload.StringValue) as {
        status: string;
        checks?: ContractCheck[];
      };
      const filter = attributes.checks?.StringValue.split(',').filter(
        (pair) => !pair.startsWith('control_count'),
      );
      return { status: payload.status, checks: content(payload.checks), filter: filter?.join(',') };
    });
  }

  async function ids(name: string): Promise<number[]> {
    const result = await runtime.query(
      `select flavor_id from ${table} where file_name = '${name}' order by flavor_id`,
    );
    return result.rows.map((row) => Number(row[0]));
  }

  /** Runs one statement without a result set on the stand-in. */
  async function execute(sql: string): Promise<void> {
    const { id } = await runtime.warehouse.submit({ name: 'ferry-test-ddl', sqls: [sql], withEvent: false });
    await runtime.warehouse.drain();
    expect((await runtime.warehouse.describe(id)).status).toBe('FINISHED');
  }

  const checksOf = (run: RunRow) => content(run.details.checks as ContractCheck[] | undefined);
  const auditChecks = (text: string | null) => content(JSON.parse(text ?? '[]') as ContractCheck[]);

  it('loads the same bytes under another name with a warning naming the earlier run (duplicate warn)', async () => {
    await policies(null, null);
    const body = flavorBody([101, 102]);
    const first = await put(nameOf('000000101'), body);
    expect(first.state).toBe('LOADED');
    expect(first.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.details.sha256).toBe(first.content_hash);

    await policies('warn', null);
    const second = await put(nameOf('000000102'), body);
    expect(second.state).toBe('LOADED');
    const found = `same sha256 as ${keyOf(nameOf('000000101'))} loaded by run ${first.run_id} at ${first.details.loadedAt}`;
    const check = { check: 'duplicate', outcome: 'warned', expected: 'new content', found };
    expect(checksOf(second)).toEqual([check]);
    expect(auditChecks((await audit(second)).contract_checks)).toEqual([check]);
    expect(await notifications(second)).toEqual([
      { status: 'FINISHED', checks: [check], filter: 'duplicate:warned' },
    ]);
    expect(await ids(nameOf('000000102'))).toEqual([101, 102]);
    expect(metricsOf(second)?.values).toMatchObject({ DuplicateContent: 1, Resends: 0 });
    expect(metricsOf(first)?.values).not.toHaveProperty('DuplicateContent');
  });

  it('skips the same bytes under another name: SKIPPED, archived (not as an error), notified once, no rows', async () => {
    await policies(null, null);
    const body = flavorBody([201, 202, 203]);
    const first = await put(nameOf('000000201'), body);
    await policies('skip', null);
    const skipped = await put(nameOf('000000202'), body);

    expect(skipped.state).toBe('SKIPPED');
    const row = await audit(skipped);
    expect(row.file_process_status).toBe('SKIPPED');
    expect(row.error_msg).toBe(
      `duplicate skipped: same sha256 as ${keyOf(nameOf('000000201'))} loaded by run ${first.run_id} at ${first.details.loadedAt}`,
    );
    expect(auditChecks(row.contract_checks)).toMatchObject([{ check: 'duplicate', outcome: 'skipped' }]);
    const notified = await notifications(skipped);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ status: 'SKIPPED', filter: 'duplicate:skipped' });
    expect(await ids(nameOf('000000202'))).toEqual([]);
    expect(metricsOf(skipped)).toMatchObject({ outcome: 'skipped', values: { DuplicateContent: 1 } });
    const archived = await bucketKeys(runtime, 'archive/');
    expect(archived.some((key) => key.startsWith(`archive/527/${nameOf('000000202')}`))).toBe(true);
    expect(archived.some((key) => key.startsWith('archive/error/') && key.includes('000000202'))).toBe(false);
    expect(await bucketKeys(runtime, keyOf(nameOf('000000202')))).toEqual([]);
    expect(await bucketKeys(runtime, `processing/${skipped.run_id}/`)).toEqual([]);
  });

  it('loads the same bytes as declared with a passed verdict (duplicate load)', async () => {
    await policies(null, null);
    const body = flavorBody([301]);
    await put(nameOf('000000301'), body);
    await policies('load', null);
    const again = await put(nameOf('000000302'), body);
    expect(again.state).toBe('LOADED');
    expect(checksOf(again)).toMatchObject([{ check: 'duplicate', outcome: 'passed' }]);
    expect(await ids(nameOf('000000302'))).toEqual([301]);

    // `ferry explain` shows the declared policy among its checks (it judges nothing: it writes no run).
    const path = join(runtime.workspace, nameOf('000000303'));
    await writeFile(path, body);
    const explained = await explainFile(runtime.config.db, runtime.settings, runtime.store.bucket, path);
    expect(explained.checks).toContainEqual({
      check: 'content policy',
      ok: true,
      detail: 'duplicate load (judged against the loaded runs when the file arrives)',
    });
  });

  it('keeps both versions of a re-sent name, with a warning (resend append)', async () => {
    await policies(null, 'append');
    const name = nameOf('000000401');
    const first = await put(name, flavorBody([401, 402]));
    expect(checksOf(first)).toMatchObject([{ check: 'resend', outcome: 'passed' }]);
    const second = await put(name, flavorBody([401, 402, 403], 'v2'));
    expect(second.state).toBe('LOADED');
    expect(checksOf(second)).toMatchObject([
      {
        check: 'resend',
        outcome: 'warned',
        found: expect.stringContaining(`run ${first.run_id} loaded this name`),
      },
    ]);
    expect(await ids(name)).toEqual([401, 401, 402, 402, 403]);
  });

  it('refuses a re-sent name with other content: FAILED, archive/error, audited and notified (resend reject)', async () => {
    await policies(null, 'reject');
    const name = nameOf('000000501');
    const first = await put(name, flavorBody([501]));
    const second = await put(name, flavorBody([501, 502], 'v2'));

    expect(second.state).toBe('FAILED');
    expect(second.error).toBe(
      'resend rejected: expected a name not loaded before, or its same content, found run ' +
        `${first.run_id} loaded this name at ${first.details.loadedAt} with other content`,
    );
    const row = await audit(second);
    expect(row.file_process_status).toBe('FAILED');
    expect(auditChecks(row.contract_checks)).toMatchObject([{ check: 'resend', outcome: 'failed' }]);
    expect(await notifications(second)).toMatchObject([{ status: 'FAILED', filter: 'resend:failed' }]);
    expect((await bucketKeys(runtime, 'archive/error/')).some((key) => key.includes('000000501'))).toBe(true);
    expect(await ids(name)).toEqual([501]);
    expect(metricsOf(second)).toMatchObject({ outcome: 'failed', values: { Resends: 1, FilesFailed: 1 } });
  });

  it('replaces the earlier version’s rows in the load’s own transaction, and says how many (resend replace)', async () => {
    await policies(null, 'replace');
    const name = nameOf('000000601');
    const first = await put(name, flavorBody([601, 602]));
    const second = await put(name, flavorBody([601, 602, 603], 'v2'));

    expect(second.state).toBe('LOADED');
    const check = {
      check: 'resend',
      outcome: 'passed',
      expected: 'a name not loaded before, or its same content',
      found: `replaces run ${first.run_id} (2 rows deleted)`,
    };
    expect(checksOf(second)).toEqual([check]);
    expect(auditChecks((await audit(second)).contract_checks)).toEqual([check]);
    expect(await notifications(second)).toMatchObject([{ status: 'FINISHED', checks: [check] }]);
    const rows = await runtime.query(
      `select flavor_id, flavor_name from ${table} where file_name = '${name}' order by 1`,
    );
    expect(rows.rows.map((row) => [Number(row[0]), row[1]])).toEqual([
      [601, 'Flavor 601 v2'],
      [602, 'Flavor 602 v2'],
      [603, 'Flavor 603 v2'],
    ]);
    const replaced = await runById(first.run_id);
    expect(replaced.superseded_by).toBe(second.run_id);
    expect(await audit(replaced)).toMatchObject({
      file_process_status: 'REPLACED',
      error_msg: `rows replaced by run ${second.run_id} (2 rows deleted)`,
    });
  });

  it('keeps the earlier version when the replacing load fails after its DELETE (one transaction)', async () => {
    await policies(null, 'replace');
    const name = nameOf('000000701');
    const first = await put(name, flavorBody([701, 702]));
    // The stage takes an empty price (NULL); the target refuses it, so the INSERT after the DELETE fails.
    await execute(`alter table ${table} alter column price set not null`);
    try {
      const broken = flavorBody([701, 702, 703], 'v2').replace('|1.25|Y\nTRL', '||Y\nTRL');
      const second = await put(name, broken);
      expect(second.state).toBe('FAILED');
      expect(second.error).toMatch(/null/i);
    } finally {
      await execute(`alter table ${table} alter column price drop not null`);
    }
    expect(await ids(name)).toEqual([701, 702]);
    expect((await runById(first.run_id)).state).toBe('LOADED');
    // The failed run's claim on the rows does not stand: the next correction replaces the first version.
    const third = await put(name, flavorBody([701, 702, 703, 704], 'v3'));
    expect(third.state).toBe('LOADED');
    expect(checksOf(third)?.[0]?.found).toBe(`replaces run ${first.run_id} (2 rows deleted)`);
    expect(await ids(name)).toEqual([701, 702, 703, 704]);
  });

  it('replaces under concurrent loads into the same table: no row lost, none twice', async () => {
    await policies(null, 'replace');
    const name = nameOf('000000801');
    await put(name, flavorBody([801, 802, 803]));
    const others = [1, 2, 3, 4].map((n) => ({
      name: nameOf(`00000081${n}`),
      ids: [8100 + n * 10, 8101 + n * 10],
    }));
    await Promise.all([
      runtime.store.put(keyOf(name), flavorBody([801, 804], 'v2')),
      ...others.map((other) => runtime.store.put(keyOf(other.name), flavorBody(other.ids))),
    ]);
    await runtime.idle();

    expect(await ids(name)).toEqual([801, 804]);
    for (const other of others) expect(await ids(other.name)).toEqual(other.ids);
    expect((await latestRun(name)).state).toBe('LOADED');
  });

  it('makes a re-send wait while an earlier re-send of its key is in flight, then replace that one', async () => {
    await policies(null, 'replace');
    const name = nameOf('000000951');
    const first = await put(name, flavorBody([951]));
    let release = () => {};
    let arrived = () => {};
    const held = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    gate = { open: new Promise<void>((resolve) => (release = resolve)), arrived };
    try {
      await runtime.store.put(keyOf(name), flavorBody([951, 952], 'v2'));
      await held;
      const second = await latestRun(name);
      expect(second.state).toBe('SUBMITTED');
      await runtime.store.put(keyOf(name), flavorBody([951, 952, 953], 'v3'));
      // The third version is sent back to the queue, not loaded, while the second one is in flight.
      await waitFor(async () =>
        (await runsOfKey(name)).some((run) =>
          run.error?.includes(`found run ${second.run_id} of the same key is still loading`),
        ),
      );
      release();
      await runtime.idle();

      const rows = await runtime.query(
        `select flavor_id, flavor_name from ${table} where file_name = '${name}' order by 1`,
      );
      expect(rows.rows.map((row) => [Number(row[0]), row[1]])).toEqual([
        [951, 'Flavor 951 v3'],
        [952, 'Flavor 952 v3'],
        [953, 'Flavor 953 v3'],
      ]);
      const third = await latestRun(name);
      expect(third.state).toBe('LOADED');
      expect((await runById(first.run_id)).superseded_by).toBe(second.run_id);
      expect((await runById(second.run_id)).superseded_by).toBe(third.run_id);
      expect(checksOf(third)?.[0]?.found).toBe(`replaces run ${second.run_id} (2 rows deleted)`);
    } finally {
      gate = undefined;
      release();
    }
  });

  it('loads only the last version when a re-send is overwritten before it is claimed', async () => {
    await policies(null, 'replace');
    const name = nameOf('000000901');
    await put(name, flavorBody([901]));
    await runtime.store.put(keyOf(name), flavorBody([901, 902], 'v2'));
    await runtime.store.put(keyOf(name), flavorBody([901, 902, 903], 'v3'));
    await runtime.idle();

    const rows = await runtime.query(
      `select flavor_id, flavor_name from ${table} where file_name = '${name}' order by 1`,
    );
    expect(rows.rows.map((row) => [Number(row[0]), row[1]])).toEqual([
      [901, 'Flavor 901 v3'],
      [902, 'Flavor 902 v3'],
      [903, 'Flavor 903 v3'],
    ]);
    const loaded = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['run_id', 'superseded_by'])
      .where('object_key', '=', keyOf(name))
      .where('state', '=', 'LOADED')
      .execute();
    // Exactly one loaded version is current; every other one names the run that replaced it.
    expect(loaded.filter((run) => run.superseded_by === null)).toHaveLength(1);
  });
});
