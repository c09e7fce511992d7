// Sequence numbers per feed through the local runtime: a gap warned and loaded, or held in the input until the
// missing file loads; a repeat held; a re-upload of a held file no second hold.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../lib/ports/notifier.js';
import { runOutcomes } from '../../lib/records/outcomes.js';
import { getRun } from '../../lib/records/runs.js';
import { bucketKeys, openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

// Each test its own tag in the names, so one runtime serves all (the feed's last number is reset between tests).
let tag = 'A';
const keyOf = (sequence: string) => `external_input/PROD_${sequence}_${tag}_527.txt`;
const body = (id: number) => `${id}|F1|Vanilla|Sweet|2024-01-01|1.50|Y\nTRL0000000001\n`;

async function contract(runtime: TestRuntime, policy: 'warn' | 'hold' | null) {
  await runtime.config.runScript(
    `update rdscnfg.ext_file_config set sequence_source = 'file_name', sequence_pattern = '^PROD_(\\d+)_',
       sequence_policy = ${policy === null ? 'null' : `'${policy}'`} where ext_file_config_sid = 4`,
  );
}

async function put(runtime: TestRuntime, sequence: string, id: number) {
  await runtime.store.put(keyOf(sequence), body(id));
  await runtime.idle();
  return runOutcomes(runtime.config.db, [keyOf(sequence)]);
}

async function auditOf(runtime: TestRuntime, runId: string) {
  const rows = await runtime.config.db
    .selectFrom('rdscnfg.ext_file_audit')
    .select(['file_process_status', 'error_msg', 'contract_checks'])
    .where('run_id', '=', runId)
    .orderBy('ext_file_audit_sid')
    .execute();
  return rows.map((row) => ({
    status: row.file_process_status,
    error: row.error_msg,
    checks:
      row.contract_checks === null
        ? null
        : sequenceChecks(JSON.parse(row.contract_checks) as ContractCheck[]),
  }));
}

async function notificationsOf(runtime: TestRuntime, runId: string) {
  const rows = await runtime.config.db
    .selectFrom('rdscnfg.ferry_notification')
    .select(['status', 'sent_at', 'message'])
    .where('run_id', '=', runId)
    .orderBy('status')
    .execute();
  return rows.map((row) => ({
    status: row.status,
    sent: row.sent_at !== null,
    checks: row.message?.checks && sequenceChecks(row.message.checks),
  }));
}

async function lastSequence(runtime: TestRuntime) {
  const row = await runtime.config.db
    .selectFrom('rdscnfg.ferry_feed_sequence')
    .select('last_sequence')
    .where('ext_file_config_sid', '=', 4)
    .executeTakeFirst();
  return row?.last_sequence;
}

/** The sequence verdicts: the flavor files' trailers also give every run a control_count verdict. */
function sequenceChecks(checks: ContractCheck[]): ContractCheck[] {
  return checks.filter((check) => check.check !== 'control_count');
}

describe.each(runtimeTargets)('sequence numbers per feed, on %s', (target) => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await openTestRuntime(target);
  });
  beforeEach(async () => {
    tag = String.fromCharCode(tag.charCodeAt(0) + 1);
    await runtime.config.runScript('delete from rdscnfg.ferry_feed_sequence');
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('loads a file after a gap with the verdict warned (expected 2, found 3), and a step back leaves the last at 3', async () => {
    await contract(runtime, null);

    const first = await put(runtime, '0001', 101);
    const gap = await put(runtime, '0003', 103);
    const back = await put(runtime, '0002', 102);

    expect([first, gap, back].map((outcomes) => outcomes.map((o) => o.state))).toEqual([
      ['TRANSFORMED'],
      ['TRANSFORMED'],
      ['TRANSFORMED'],
    ]);
    expect((await auditOf(runtime, first[0]!.runId))[0]?.checks).toEqual([
      { check: 'sequence', outcome: 'passed', found: '1' },
    ]);
    const warned = { check: 'sequence', outcome: 'warned', expected: '2', found: '3, a gap' };
    expect(await auditOf(runtime, gap[0]!.runId)).toEqual([
      expect.objectContaining({ status: 'TRANSFORMED', checks: [warned] }),
    ]);
    expect(await notificationsOf(runtime, gap[0]!.runId)).toEqual([
      { status: 'TRANSFORMED', sent: true, checks: [warned] },
    ]);
    expect((await auditOf(runtime, back[0]!.runId))[0]?.checks).toEqual([
      { check: 'sequence', outcome: 'warned', expected: '4', found: '2, out of order' },
    ]);
    expect(await lastSequence(runtime)).toBe('3');
    const rows = await runtime.query(
      `select count(*) from rdsftetl.dc_x_pa_flavor where file_name like 'PROD_%_${tag}_527.txt'`,
    );
    expect(Number(rows.rows[0]?.[0])).toBe(3);
  });

  it('holds a file after a gap in the input, once however often it is delivered, and loads it when the missing file has loaded', async () => {
    await contract(runtime, 'hold');
    await put(runtime, '0001', 101);

    const [held] = await put(runtime, '0003', 103);
    await put(runtime, '0003', 103);

    expect(held).toMatchObject({ state: 'HELD', error: 'sequence held: expected 2, found 3, a gap' });
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([keyOf('0003')]);
    const live = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['run_id', 'state'])
      .where('object_key', '=', keyOf('0003'))
      .execute();
    expect(live).toEqual([{ run_id: held!.runId, state: 'HELD' }]);
    const heldCheck = { check: 'sequence', outcome: 'held', expected: '2', found: '3, a gap' };
    expect(await auditOf(runtime, held!.runId)).toEqual([
      { status: 'HELD', error: 'sequence held: expected 2, found 3, a gap', checks: [heldCheck] },
    ]);
    expect(await notificationsOf(runtime, held!.runId)).toEqual([
      { status: 'HELD', sent: true, checks: [heldCheck] },
    ]);

    await put(runtime, '0002', 102);

    const [released] = await runOutcomes(runtime.config.db, [keyOf('0003')]);
    expect(released).toMatchObject({ runId: held!.runId, state: 'TRANSFORMED', rowsLoaded: 1 });
    expect(await auditOf(runtime, held!.runId)).toEqual([
      expect.objectContaining({ status: 'RELEASED', error: 'released: the missing sequence has loaded' }),
      expect.objectContaining({
        status: 'TRANSFORMED',
        checks: [{ check: 'sequence', outcome: 'passed', expected: '3', found: '3' }],
      }),
    ]);
    expect(await lastSequence(runtime)).toBe('3');
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([]);
  });

  it('holds a repeat of a loaded number (leading zeros compared as an integer)', async () => {
    await contract(runtime, 'hold');
    await put(runtime, '0001', 101);

    const [repeat] = await put(runtime, '01', 111);

    expect(repeat).toMatchObject({ state: 'HELD', error: 'sequence held: expected 2, found 1, a repeat' });
    expect(await lastSequence(runtime)).toBe('1');
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([keyOf('01')]);
  });

  it('lets a held file go to one of two releasers at once: it loads once', async () => {
    await contract(runtime, 'hold');
    await put(runtime, '0001', 101);
    const [held] = await put(runtime, '0005', 105);
    const run = await getRun(runtime.config.db, held!.runId);

    const results = await Promise.all([runtime.release(run!), runtime.release(run!)]);
    await runtime.idle();

    expect(results.map((result) => result.status).sort()).toEqual(['skipped', 'submitted']);
    expect((await runOutcomes(runtime.config.db, [keyOf('0005')])).map((o) => o.state)).toEqual([
      'TRANSFORMED',
    ]);
    const rows = await runtime.query(
      `select count(*) from rdsftetl.dc_x_pa_flavor where file_name = 'PROD_0005_${tag}_527.txt'`,
    );
    expect(Number(rows.rows[0]?.[0])).toBe(1);
  });

  it('fails a file whose name holds no number into archive/error, with the verdict failed', async () => {
    await contract(runtime, 'hold');

    const [failed] = await put(runtime, 'X', 120);

    expect(failed).toMatchObject({ state: 'FAILED' });
    expect(failed?.error).toContain(
      `expected the file name to hold a sequence number matching /^PROD_(\\d+)_/, found 'PROD_X_${tag}_527.txt'`,
    );
    expect((await auditOf(runtime, failed!.runId))[0]).toMatchObject({
      status: 'FAILED',
      checks: [
        {
          check: 'sequence',
          outcome: 'failed',
          expected: 'a number matching /^PROD_(\\d+)_/',
          found: 'none',
        },
      ],
    });
    expect((await bucketKeys(runtime, 'external_input/')).filter((key) => key.includes(`_${tag}_`))).toEqual(
      [],
    );
    expect(
      (await bucketKeys(runtime, 'archive/error/')).some((key) => key.includes(`PROD_X_${tag}_527.txt`)),
    ).toBe(true);
  });

  it("reads the number from the header line's characters 4:10", async () => {
    await runtime.config.runScript(
      `update rdscnfg.ext_file_config set header_flag = 'Y', sequence_source = 'header', sequence_pstn = '4:10',
         sequence_pattern = null, sequence_policy = 'hold' where ext_file_config_sid = 4`,
    );
    const key = keyOf('H');
    try {
      await runtime.store.put(key, `HDR000007\n${body(130)}`);
      await runtime.idle();
      await runtime.store.put(keyOf('H2'), `HDR000009\n${body(131)}`);
      await runtime.idle();
    } finally {
      await runtime.config.runScript(
        "update rdscnfg.ext_file_config set header_flag = 'N' where ext_file_config_sid = 4",
      );
    }

    const [first] = await runOutcomes(runtime.config.db, [key]);
    const [second] = await runOutcomes(runtime.config.db, [keyOf('H2')]);
    expect(first).toMatchObject({ state: 'TRANSFORMED', rowsLoaded: 1 });
    expect((await auditOf(runtime, first!.runId))[0]?.checks).toEqual([
      { check: 'sequence', outcome: 'passed', found: '7' },
    ]);
    expect(second).toMatchObject({ state: 'HELD', error: 'sequence held: expected 8, found 9, a gap' });
  });
});
