// Issue 15's control totals and row lineage end to end: a config row → the checks in the counting pass → the audit,
// the run's facts and the notification; with lineage, each loaded row's source line number and object version.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmfMetrics } from '../../lib/adapters/emf-metrics.js';
import type { FileConfigTable, RunRow } from '../../lib/records/tables.js';
import { bucketKeys, openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

type ConfigColumns = Partial<Record<keyof FileConfigTable, string | number | null>>;

interface Feed {
  sid: number;
  file: string;
  body: string;
  /** Warehouse columns after `id int`; the rule loads id and these, in order. */
  columns: Array<[name: string, type: string, width?: number]>;
  config: ConfigColumns;
}

const digest = (lines: string[]) =>
  createHash('sha256')
    .update(lines.map((line) => `${line}\n`).join(''))
    .digest('hex');
/** `TRL` + count (4:9) + sum (9:21) + sha256 (21:85). */
const trailer = (count: number, sum: string, hash: string) =>
  `TRL${String(count).padStart(5, '0')}${sum.padStart(12, ' ')}${hash}`;
const totals = { control_sum_column: 'amount', control_sum_pstn: '9:21', control_hash_pstn: '21:85' };
const lineageTable: Array<[string, string]> = [
  ['source_line_number', 'bigint'],
  ['source_version', 'varchar(256)'],
];

const pipeData = ['1|0.1|a', '2|0.2|b'];
const csvData = ['1,0.10,"a, b"', '2,1.5,"x,y,z"', '3,,c'];
const fixedData = ['0001  0.10', '0002  0.20'];

const feeds: Feed[] = [
  {
    // A header, blank lines and CRLF endings: line numbers are physical lines of the original; 0.1 + 0.2 is 0.3.
    sid: 951,
    file: 'CT_951.txt',
    body: `id|amount|note\r\n\r\n${pipeData[0]}\r\n\r\n${pipeData[1]}\r\n${trailer(2, '0.3', digest(pipeData).toUpperCase())}\r\n`,
    columns: [['amount', 'decimal(10,2)'], ['note', 'varchar(20)'], ...lineageTable],
    config: { header_flag: 'Y', trailer_flag: 'Y', trailer_pstn: '4:9', ...totals, lineage_flag: 'Y' },
  },
  {
    // CSV: a quoted comma in another column does not shift the summed one; an empty amount is a NULL.
    sid: 952,
    file: 'CT_952.csv',
    body: `${csvData.join('\n')}\n${trailer(3, '1.60', digest(csvData))}\n`,
    columns: [['amount', 'decimal(10,2)'], ['note', 'varchar(20)'], ...lineageTable],
    config: {
      file_format: 'csv',
      file_type: 'csv',
      delimiter: ',',
      trailer_flag: 'Y',
      trailer_pstn: '4:9',
      ...totals,
      lineage_flag: 'Y',
    },
  },
  {
    // The trailer's sum is wrong: the file fails before anything is loaded.
    sid: 953,
    file: 'CT_953.txt',
    body: `${pipeData.join('\n')}\n${trailer(2, '9.99', digest(pipeData))}\n`,
    columns: [
      ['amount', 'decimal(10,2)'],
      ['note', 'varchar(20)'],
    ],
    config: { trailer_flag: 'Y', trailer_pstn: '4:9', ...totals },
  },
  {
    sid: 954,
    file: 'CT_954.dat',
    body: `${fixedData.join('\n')}\n${trailer(2, '0.30', digest(fixedData))}\n`,
    columns: [['amount', 'decimal(10,2)', 6], ...lineageTable],
    config: {
      file_format: 'fixed_width',
      file_type: 'dat',
      delimiter: null,
      trailer_flag: 'Y',
      trailer_pstn: '4:9',
      ...totals,
      lineage_flag: 'Y',
    },
  },
];

async function ddl(runtime: TestRuntime, sql: string): Promise<void> {
  const { id } = await runtime.warehouse.submit({ name: 'ferry-test-ddl', sqls: [sql], withEvent: false });
  await runtime.warehouse.drain();
  const { status, error } = await runtime.warehouse.describe(id);
  if (status !== 'FINISHED') throw new Error(`expected '${sql}' to finish, found ${status}: ${error}`);
}

async function addFeed(runtime: TestRuntime, feed: Feed): Promise<void> {
  const table = `ct_${feed.sid}`;
  const columns = feed.columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await ddl(
    runtime,
    `create table ct.${table} (id int, ${columns}, file_name varchar(300), target_transaction_timestamp timestamp)`,
  );
  const { db } = runtime.config;
  await db
    .insertInto('rdscnfg.ext_interface')
    .values({ ext_interface_cid: feed.sid, interface_name: `CT_${feed.sid}` })
    .execute();
  await db
    .insertInto('rdscnfg.ext_file_config')
    .values({
      ext_file_config_sid: feed.sid,
      ext_interface_cid: feed.sid,
      tgt_schema_name: 'ct',
      tgt_table_name: table,
      file_prefix: `${feed.sid}.`,
      file_format: 'txt',
      file_type: 'txt',
      delimiter: '|',
      header_flag: 'N',
      trailer_flag: 'N',
      split_file_flag: 'N',
      created_date: '2024-01-01 00:00:00',
      modified_date: '2024-01-01 00:00:00',
      ...(feed.config as object),
    } as never)
    .execute();
  const fixed = feed.config.file_format === 'fixed_width';
  const loaded = [['id', 'int', 4] as const, ...feed.columns].filter(([name]) => !name.startsWith('source_'));
  const details = loaded.map(([name, , width], index) => ({
    ext_file_config_dtl_sid: feed.sid * 10 + index,
    ext_file_config_sid: feed.sid,
    column_name: name,
    column_width_fixed: fixed ? (width ?? null) : null,
    column_order_sqnc: index + 1,
    created_date: '2024-01-01 00:00:00',
    modified_date: '2024-01-01 00:00:00',
  }));
  await db.insertInto('rdscnfg.ext_file_config_dtl').values(details).execute();
}

describe.each(runtimeTargets)('control totals and row lineage, end to end on %s', (target) => {
  let runtime: TestRuntime;
  let runs: RunRow[];
  const metricLines: string[] = [];
  /** The processing function's metrics record of a feed's run. */
  const metricsOf = (feed: Feed) =>
    metricLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((record) => record.runId === runOf(feed).run_id && 'FilesReceived' in record);

  const runOf = (feed: Feed) => runs.find((r) => r.object_key === `external_input/${feed.file}`)!;
  const auditOf = async (feed: Feed) =>
    runtime.config.db
      .selectFrom('rdscnfg.ext_file_audit')
      .select(['file_process_status', 'error_msg', 'contract_checks'])
      .where('ext_file_audit_sid', '=', Number(runOf(feed).ext_file_audit_sid))
      .executeTakeFirstOrThrow();
  const noticeOf = async (feed: Feed) =>
    runtime.config.db
      .selectFrom('rdscnfg.ferry_outbox')
      .select(['body', 'attributes'])
      .where('run_id', '=', runOf(feed).run_id)
      .where('channel', '=', 'sns')
      .execute();

  beforeAll(async () => {
    runtime = await openTestRuntime(target, {
      sampleConfig: false,
      decorate: (built) => ({
        metrics: new EmfMetrics({
          namespace: 'Ferry',
          log: built.log,
          write: (line) => metricLines.push(line),
        }),
      }),
    });
    await ddl(runtime, 'create schema if not exists ct');
    for (const feed of feeds) {
      await addFeed(runtime, feed);
      const path = join(runtime.workspace, feed.file);
      await writeFile(path, feed.body);
      await runtime.putFile(path);
    }
    await runtime.idle();
    runs = await runtime.config.db.selectFrom('rdscnfg.ferry_run').selectAll().execute();
  }, 180_000);

  afterAll(async () => {
    await runtime?.close();
  });

  it('loads rows carrying their physical line number and the object version, with every check passed', async () => {
    const feed = feeds[0]!;
    const run = runOf(feed);
    expect({ state: run.state, error: run.error }).toEqual({ state: 'LOADED', error: null });
    const result = await runtime.query(
      'select id, amount::text, source_line_number::int, source_version from ct.ct_951 order by id',
    );
    expect(result.rows).toEqual([
      [1, '0.10', 3, run.etag.replace(/"/g, '')],
      [2, '0.20', 5, run.etag.replace(/"/g, '')],
    ]);
    const audit = await auditOf(feed);
    expect(JSON.parse(audit.contract_checks!)).toEqual([
      {
        check: 'control_count',
        outcome: 'passed',
        expected: '2 records',
        found: '2 loaded + 0 rejected rows',
      },
      { check: 'control_sum', outcome: 'passed', expected: 'sum 0.3', found: 'sum 0.3 of 2 values' },
      {
        check: 'control_hash',
        outcome: 'passed',
        expected: `sha256 ${digest(pipeData).toUpperCase()}`,
        found: `sha256 ${digest(pipeData)}`,
      },
    ]);
    const [notice] = await noticeOf(feed);
    expect(notice?.attributes.checks).toMatchObject({
      StringValue: 'control_count:passed,control_sum:passed,control_hash:passed',
    });
    expect(metricsOf(feed)).toMatchObject({ ControlChecksFailed: 0 });
  });

  it('sums a CSV column past quoted delimiters, ignoring an empty value, and numbers CSV rows', async () => {
    const feed = feeds[1]!;
    expect(runOf(feed).state).toBe('LOADED');
    const result = await runtime.query(
      'select id, amount::text, note, source_line_number::int from ct.ct_952 order by id',
    );
    expect(result.rows).toEqual([
      [1, '0.10', 'a, b', 1],
      [2, '1.50', 'x,y,z', 2],
      [3, null, 'c', 3],
    ]);
    expect(JSON.parse((await auditOf(feed)).contract_checks!)[1]).toEqual({
      check: 'control_sum',
      outcome: 'passed',
      expected: 'sum 1.60',
      found: 'sum 1.60 of 2 values',
    });
  });

  it('fails a wrong control sum with expected and found in the audit, the run and the notification', async () => {
    const feed = feeds[2]!;
    const run = runOf(feed);
    const message = 'control_sum failed: expected sum 9.99, found sum 0.3 of 2 values';
    expect({ state: run.state, error: run.error }).toEqual({ state: 'FAILED', error: message });
    const audit = await auditOf(feed);
    expect(audit.file_process_status).toBe('FAILED');
    expect(audit.error_msg).toBe(message);
    expect(JSON.parse(audit.contract_checks!).map((c: { outcome: string }) => c.outcome)).toEqual([
      'passed',
      'failed',
      'passed',
    ]);
    const notices = await noticeOf(feed);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(`Check:         ${message}`);
    expect(notices[0]!.attributes.checks).toMatchObject({
      StringValue: 'control_count:passed,control_sum:failed,control_hash:passed',
    });
    expect((await runtime.query('select count(*)::int from ct.ct_953')).rows).toEqual([[0]]);
    expect(metricsOf(feed)).toMatchObject({ ControlChecksFailed: 1, FilesFailed: 1 });
    // Reprocessable: the original waits in the error archive, nothing is left in the input.
    const keys = await bucketKeys(runtime);
    expect(keys.filter((key) => key.startsWith(`archive/error/${feed.file}_`))).toHaveLength(1);
    expect(keys).not.toContain(`external_input/${feed.file}`);
  });

  it('loads fixed-width rows with their line numbers and a passed sum', async () => {
    const feed = feeds[3]!;
    expect(runOf(feed).state).toBe('LOADED');
    const result = await runtime.query(
      'select id, amount::text, source_line_number::int from ct.ct_954 order by id',
    );
    expect(result.rows).toEqual([
      [1, '0.10', 1],
      [2, '0.20', 2],
    ]);
  });
});
