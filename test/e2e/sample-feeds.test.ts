// Every sample feed end to end: put → process-file → stand-in → status event → log-status → post-load SQL.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFilesDir } from '../../lib/cli/local-runtime.js';
import type { RunRow } from '../../lib/records/tables.js';
import {
  bucketKeys,
  openTestRuntime,
  runtimeTargets,
  stampOfWallText,
  type TestRuntime,
  testTimezone,
  timestampMillis,
  wallClockStamp,
} from '../support/local-runtime.js';

const flavorFile = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const failingFile = 'PROD_20151016_090000000_PA_FLAVOR_527.txt';
const hospitalFile = 'hosp10_2014_RPT_558.csv.gz';
const accountFile = 'ACCT_20240101_600.dat';
const claimsFile = 'CLAIMS_20240102_700.txt';
const sampleNames = [flavorFile, failingFile, hospitalFile, accountFile, claimsFile];
const trailerError = 'trailer says 4 records, file has 3';

const flavorRows = [
  [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-01', '4.25', 'Y'],
  [102, 'CHOC02', 'Belgian Dark Chocolate', 'Classic', '2015-10-01', '4.75', 'Y'],
  [103, 'STRW03', 'Strawberry Swirl', 'Fruit', '2015-09-15', '3.95', 'Y'],
  // 2015-02-30 is no date: COPY with ACCEPTANYDATE loads it as null.
  [104, 'MINT04', 'Mint Chocolate Chip', 'Classic', null, '4.10', 'Y'],
  [105, 'MANG05', 'Alphonso Mango Sorbet', 'Sorbet', '2015-10-05', '5.20', 'N'],
  [106, 'PIST06', 'Sicilian Pistachio', 'Nut', '2015-10-12', '5.95', 'Y'],
];

const hospitalRows = [
  [1001, "St. Mary's Medical Center, Rochester", '2014-03-31', 412, 1873],
  [1002, 'Mercy General Hospital, Sacramento', '2014-03-31', 356, 1542],
  [1003, 'Lakeside Community Hospital', '2014-03-31', 98, 411],
  [1004, 'Children\'s Hospital "Hope Wing", Austin', '2014-03-31', 164, 702],
  [1005, 'Providence Regional, Everett', '2014-03-31', 571, 2210],
  [1006, 'Valley View Clinic', '2014-03-31', 42, 187],
  [1007, 'University Hospital, Ann Arbor', '2014-03-31', 1003, 4388],
  [1008, 'Good Samaritan Hospital, Dayton', '2014-03-31', 289, 1126],
];

// Fixed-width text keeps its padding: a varchar field is loaded as the file has it.
const accountRows = [
  ['AC00010001', 'Jane Whitfield      ', '2019-03-15', '12500.00'],
  ['AC00010002', 'Rahul Mehta         ', '2020-11-01', '3480.55'],
  ['AC00010003', 'Lucia Fernandez     ', '2021-07-28', '-250.75'],
  ['AC00010004', 'Okafor Trading LLC  ', '2022-01-04', '98210.00'],
  ['AC00010005', 'Mei Lin Chen        ', '2023-06-19', '0.00'],
  ['AC00010006', 'Bjorn Andersson     ', '2023-12-30', '7715.20'],
];

const claimHeaderRows = [
  ['H1', 500001, 'MBR0000123', '2024-01-02'],
  ['H1', 500002, 'MBR0000456', '2024-01-02'],
];

const claimDetailRows = [
  ['D1', 500001, 1, '99213', '125.00'],
  ['D1', 500001, 2, '85025', '32.50'],
  ['D1', 500002, 1, '99214', '180.00'],
  ['D1', 500002, 2, '80053', '48.75'],
  ['D1', 500002, 3, '93000', '65.00'],
];

interface World {
  runtime: TestRuntime;
  runs: RunRow[];
  /** The ledger row of a file, by its base name (split parts by `H1` / `D1`). */
  run(name: string): RunRow;
  partName(code: 'H1' | 'D1'): string;
}

async function runSampleFeeds(runtime: TestRuntime): Promise<World> {
  await Promise.all(sampleNames.map((name) => runtime.putFile(join(sampleFilesDir, name))));
  await runtime.idle();
  const runs = await runtime.config.db.selectFrom('rdscnfg.ferry_run').selectAll().execute();
  const byName = new Map(runs.map((run) => [run.object_key.replace(/^external_input\//, ''), run]));
  const partName = (code: 'H1' | 'D1') => {
    const name = [...byName.keys()].find((key) => key.endsWith(`_700-${code}.txt`));
    if (name === undefined) throw new Error(`expected a ${code} part of ${claimsFile}, found none`);
    return name;
  };
  const run = (name: string) => {
    const found = byName.get(name === 'H1' || name === 'D1' ? partName(name) : name);
    if (found === undefined) throw new Error(`expected a run for ${name}, found none`);
    return found;
  };
  return { runtime, runs, run, partName };
}

/** Rows of a table without the trailing load-time column, and that column apart. */
async function stageRows(runtime: TestRuntime, table: string, orderBy: string) {
  const result = await runtime.query(`select * from ${table} order by ${orderBy}`);
  expect(result.columns.slice(-2)).toEqual(['file_name', 'target_transaction_timestamp']);
  return {
    rows: result.rows.map((row) => row.slice(0, -1)),
    stamps: result.rows.map((row) => timestampMillis(row.at(-1))),
  };
}

function loadedAtOf(run: RunRow): string {
  const loadedAt = run.details.loadedAt;
  if (typeof loadedAt !== 'string') throw new Error(`expected run ${run.run_id} to record its load time`);
  return loadedAt;
}

describe.each(runtimeTargets)('every sample feed end to end on %s', (target) => {
  let world: World;

  beforeAll(async () => {
    const runtime = await openTestRuntime(target);
    try {
      world = await runSampleFeeds(runtime);
    } catch (error) {
      await runtime.close();
      throw error;
    }
  }, 120_000);

  afterAll(async () => {
    await world?.runtime.close();
  });

  it('ends every file and split part in its final ledger state with exact row counts', () => {
    const states = world.runs
      .map((run) => ({
        name: run.object_key.replace(/^external_input\//, ''),
        state: run.state,
        rowsLoaded: run.rows_loaded,
        rowsRejected: run.rows_rejected,
        error: run.error,
        rule: run.ext_file_config_sid,
        interface: run.ext_interface_cid,
        retired: run.retired_at,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const loaded = { rowsRejected: 0, error: null, retired: null };
    expect(states).toEqual(
      [
        { name: accountFile, state: 'LOADED', rowsLoaded: 6, rule: 6, interface: '600', ...loaded },
        {
          name: claimsFile,
          state: 'SPLIT',
          rowsLoaded: null,
          rowsRejected: null,
          error: null,
          rule: 7,
          interface: '700',
          retired: null,
        },
        { name: world.partName('D1'), state: 'LOADED', rowsLoaded: 5, rule: 9, interface: '700', ...loaded },
        { name: world.partName('H1'), state: 'LOADED', rowsLoaded: 2, rule: 8, interface: '700', ...loaded },
        { name: flavorFile, state: 'TRANSFORMED', rowsLoaded: 6, rule: 4, interface: '527', ...loaded },
        {
          name: failingFile,
          state: 'FAILED',
          rowsLoaded: null,
          rowsRejected: null,
          error: trailerError,
          rule: 4,
          interface: '527',
          retired: null,
        },
        { name: hospitalFile, state: 'LOADED', rowsLoaded: 8, rule: 5, interface: '558', ...loaded },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('writes the split parts back to the input under the parent name, the start time and the record type', () => {
    const parent = world.run(claimsFile);
    expect(parent.details.parts).toEqual([
      { key: `external_input/${world.partName('H1')}`, code: 'H1', records: 2 },
      { key: `external_input/${world.partName('D1')}`, code: 'D1', records: 5 },
    ]);
    expect(parent.details.counts).toEqual({ H1: 2, D1: 5 });
    expect(parent.details.dropped).toBe(0);
    expect(parent.details.trailerCount).toBe(7);
    for (const code of ['H1', 'D1'] as const) {
      expect(world.partName(code)).toMatch(new RegExp(`^CLAIMS_20240102_700-\\d{14}_700-${code}\\.txt$`));
    }
  });

  it('loads the 527 file row for row, every row stamped with its file name and the run’s load time', async () => {
    const { rows, stamps } = await stageRows(world.runtime, 'rdsftetl.dc_x_pa_flavor', 'flavor_id');
    expect(rows).toEqual(flavorRows.map((row) => [...row, flavorFile]));
    const loadedAt = timestampMillis(loadedAtOf(world.run(flavorFile)));
    expect(stamps).toEqual(flavorRows.map(() => loadedAt));
  });

  it('loads the gzip CSV, the fixed-width file and both split parts row for row with their own stamps', async () => {
    const tables = [
      { table: 'rdsftetl.hosp_rpt', order: 'hospital_id', expected: hospitalRows, file: hospitalFile },
      { table: 'rdsftetl.acct_master', order: 'acct_no', expected: accountRows, file: accountFile },
      {
        table: 'rdsftetl.claim_header',
        order: 'claim_id',
        expected: claimHeaderRows,
        file: world.partName('H1'),
      },
      {
        table: 'rdsftetl.claim_detail',
        order: 'claim_id, line_no',
        expected: claimDetailRows,
        file: world.partName('D1'),
      },
    ];
    const stampOfFile = new Map<string, number>();
    for (const { table, order, expected, file } of tables) {
      const { rows, stamps } = await stageRows(world.runtime, table, order);
      expect(rows, table).toEqual(expected.map((row) => [...row, file]));
      const loadedAt = timestampMillis(loadedAtOf(world.run(file)));
      expect(stamps, table).toEqual(expected.map(() => loadedAt));
      stampOfFile.set(file, loadedAt);
    }
    stampOfFile.set(flavorFile, timestampMillis(loadedAtOf(world.run(flavorFile))));
    // Every file has its own recorded load time (two loads may share a millisecond; file_name tells them apart).
    expect([...stampOfFile.keys()]).toHaveLength(5);
    expect([...stampOfFile.values()].every((stamp) => Number.isFinite(stamp) && stamp > 0)).toBe(true);
  });

  it('runs the post-load SQL on the 527 file: valid rows become core versions, the bad date an error row', async () => {
    const loadedAt = timestampMillis(loadedAtOf(world.run(flavorFile)));
    const core = await world.runtime.query(
      'select flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag, ' +
        'valid_from, valid_to, file_name from rdsftcore.dc_x_pa_flavor order by flavor_id',
    );
    expect(core.rows.map((row) => [...row.slice(0, 7), row[8], row[9]])).toEqual(
      flavorRows.filter((row) => row[0] !== 104).map((row) => [...row, null, flavorFile]),
    );
    expect(core.rows.map((row) => timestampMillis(row[7]))).toEqual([1, 2, 3, 4, 5].map(() => loadedAt));

    const errors = await world.runtime.query('select * from rdsftetl.dc_x_pa_flavor_error');
    expect(errors.columns.slice(-3)).toEqual(['file_name', 'target_transaction_timestamp', 'error_reason']);
    expect(errors.rows.map((row) => [...row.slice(0, 8), row[9]])).toEqual([
      [
        104,
        'MINT04',
        'Mint Chocolate Chip',
        'Classic',
        null,
        '4.10',
        'Y',
        flavorFile,
        'effective_date is missing or not a valid date',
      ],
    ]);
    expect(errors.rows.map((row) => timestampMillis(row[8]))).toEqual([loadedAt]);
  });

  it('loads nothing from the file whose trailer count is wrong', async () => {
    const tables = ['rdsftetl.dc_x_pa_flavor', 'rdsftcore.dc_x_pa_flavor', 'rdsftetl.dc_x_pa_flavor_error'];
    for (const table of tables) {
      const result = await world.runtime.query(
        `select count(*) from ${table} where file_name = '${failingFile}'`,
      );
      expect(Number(result.rows[0]?.[0]), table).toBe(0);
    }
  });

  it('submits one load per loaded file and one transformation, each finished and named by its run', async () => {
    const statements = (await world.runtime.warehouse.list())
      .filter((statement) => /^ferry(-transform)?:/.test(statement.name ?? ''))
      .map((statement) => ({ name: statement.name, status: statement.status }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const loads = [accountFile, world.partName('H1'), world.partName('D1'), flavorFile, hospitalFile].map(
      (name) => ({ name: `ferry:${world.run(name).run_id}`, status: 'FINISHED' }),
    );
    const transform = { name: `ferry-transform:${world.run(flavorFile).run_id}`, status: 'FINISHED' };
    expect(statements).toEqual([...loads, transform].sort((a, b) => a.name.localeCompare(b.name)));
    expect(world.run(flavorFile).transform_statement_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('audits every run: status, processed flag, rows, the failure reason and the split counts', async () => {
    const audits = await world.runtime.config.db.selectFrom('rdscnfg.ext_file_audit').selectAll().execute();
    const summary = audits
      .map((audit) => ({
        file: audit.file_name,
        key: audit.object_key,
        runId: audit.run_id,
        interface: audit.ext_interface_cid,
        rule: audit.ext_file_config_sid,
        target: audit.tgt_table_name && `${audit.tgt_schema_name}.${audit.tgt_table_name}`,
        status: audit.file_process_status,
        processed: audit.file_prcsd_flag,
        rowsLoaded: audit.rows_loaded,
        rowsRejected: audit.rows_rejected,
        error: audit.error_msg,
      }))
      .sort((a, b) => String(a.file).localeCompare(String(b.file)));
    const row = (file: string, rest: Record<string, unknown>) => ({
      file,
      key: `external_input/${file}`,
      runId: world.run(file).run_id,
      ...rest,
    });
    const loaded = { status: 'FINISHED', processed: 'Y', rowsRejected: 0, error: null };
    expect(summary).toEqual(
      [
        row(accountFile, {
          interface: '600',
          rule: 6,
          target: 'rdsftetl.acct_master',
          rowsLoaded: 6,
          ...loaded,
        }),
        row(claimsFile, {
          interface: '700',
          rule: 7,
          target: null,
          status: 'SPLIT',
          processed: 'N',
          rowsLoaded: 7,
          rowsRejected: 0,
          error: 'split into H1: 2 records, D1: 5 records; 0 lines of other record types dropped',
        }),
        row(world.partName('D1'), {
          interface: '700',
          rule: 9,
          target: 'rdsftetl.claim_detail',
          rowsLoaded: 5,
          ...loaded,
        }),
        row(world.partName('H1'), {
          interface: '700',
          rule: 8,
          target: 'rdsftetl.claim_header',
          rowsLoaded: 2,
          ...loaded,
        }),
        row(flavorFile, {
          interface: '527',
          rule: 4,
          target: 'rdsftetl.dc_x_pa_flavor',
          rowsLoaded: 6,
          ...loaded,
          status: 'TRANSFORMED',
        }),
        row(failingFile, {
          interface: '527',
          rule: 4,
          target: 'rdsftetl.dc_x_pa_flavor',
          status: 'FAILED',
          processed: 'N',
          rowsLoaded: null,
          rowsRejected: null,
          error: trailerError,
        }),
        row(hospitalFile, {
          interface: '558',
          rule: 5,
          target: 'rdsftetl.hosp_rpt',
          rowsLoaded: 8,
          ...loaded,
        }),
      ].sort((a, b) => a.file.localeCompare(b.file)),
    );
    for (const audit of audits) {
      expect(audit.start_time <= audit.end_time, `${audit.file_name} starts before it ends`).toBe(true);
      expect(world.run(String(audit.file_name)).ext_file_audit_sid).toBe(audit.ext_file_audit_sid);
    }
  });

  it('records the post-load call it ran, rendered with the file name and load time as literals', async () => {
    const flavorRun = world.run(flavorFile);
    const audit = await world.runtime.config.db
      .selectFrom('rdscnfg.ext_file_audit')
      .select(['merge_query', 'update_query', 'statement_id'])
      .where('run_id', '=', flavorRun.run_id)
      .executeTakeFirstOrThrow();
    expect(audit.merge_query).toBe(
      "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', " +
        `'${flavorFile}', '${loadedAtOf(flavorRun)}');`,
    );
    expect(audit.update_query).toContain(`'${flavorFile}', '${loadedAtOf(flavorRun)}'::timestamp`);
    expect(audit.statement_id).toBe(flavorRun.statement_id);
  });

  it('archives every original and prepared copy under its interface and leaves nothing in the input or processing', async () => {
    const stampOfRun = (name: string) => wallClockStamp(world.run(name).created_at, testTimezone);
    const audit = async (name: string) =>
      world.runtime.config.db
        .selectFrom('rdscnfg.ext_file_audit')
        .select(['start_time', 'end_time'])
        .where('run_id', '=', world.run(name).run_id)
        .executeTakeFirstOrThrow();
    const loadedFiles = (cid: string, name: string, prepared: string[]) => [
      `archive/${cid}/${name}_${stampOfRun(name)}`,
      ...prepared.map((copy) => `archive/${cid}/preprocessed_file_${copy}_${stampOfRun(name)}`),
    ];
    const split = await audit(claimsFile);
    const failed = await audit(failingFile);
    const h1 = world.partName('H1');
    const d1 = world.partName('D1');
    expect(await bucketKeys(world.runtime)).toEqual(
      [
        // The 527 file's prepared copy (trailer stripped) and the manifest of each load are archived beside it.
        ...loadedFiles('527', flavorFile, [flavorFile, `${flavorFile}.manifest`]),
        ...loadedFiles('558', hospitalFile, [`${hospitalFile}.manifest`]),
        ...loadedFiles('600', accountFile, [`${accountFile}.manifest`]),
        ...loadedFiles('700', h1, [`${h1}.manifest`]),
        ...loadedFiles('700', d1, [`${d1}.manifest`]),
        `archive/700/${claimsFile}_${stampOfWallText(split.start_time)}`,
        `archive/error/${failingFile}_${stampOfWallText(failed.end_time)}`,
      ].sort(),
    );
    expect(await bucketKeys(world.runtime, 'external_input/')).toEqual([]);
    expect(await bucketKeys(world.runtime, 'processing/')).toEqual([]);
    // The split parts carry the parent's start time, as a wall clock in the configured zone.
    const partStamp = stampOfWallText(split.start_time).replace(/-/g, '');
    expect(h1).toBe(`CLAIMS_20240102_700-${partStamp}_700-H1.txt`);
    expect(d1).toBe(`CLAIMS_20240102_700-${partStamp}_700-D1.txt`);
  });

  it('keeps the archived originals byte for byte and the prepared 527 copy without its trailer', async () => {
    const archived = await bucketKeys(world.runtime, 'archive/');
    const read = async (key: string) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await world.runtime.store.get(key)) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks);
    };
    const keyOf = (prefix: string) => {
      const key = archived.find(
        (candidate) => candidate.startsWith(prefix) && !candidate.includes('.manifest_'),
      );
      if (key === undefined) throw new Error(`expected an archived object under ${prefix}, found none`);
      return key;
    };
    for (const [prefix, name] of [
      [`archive/527/${flavorFile}_`, flavorFile],
      [`archive/error/${failingFile}_`, failingFile],
      [`archive/558/${hospitalFile}_`, hospitalFile],
      [`archive/700/${claimsFile}_`, claimsFile],
    ] as const) {
      expect(await read(keyOf(prefix)), name).toEqual(await readFile(join(sampleFilesDir, name)));
    }
    expect(gunzipSync(await read(keyOf(`archive/558/${hospitalFile}_`))).toString('utf8')).toContain(
      '1004,"Children\'s Hospital ""Hope Wing"", Austin"',
    );
    const prepared = (await read(keyOf(`archive/527/preprocessed_file_${flavorFile}_`))).toString('utf8');
    const original = await readFile(join(sampleFilesDir, flavorFile), 'utf8');
    expect(prepared).toBe(original.replace('TRL0000000006\n', ''));
  });

  it('publishes one SNS and one EventBridge notification per final status of each run', async () => {
    const outbox = await world.runtime.config.db
      .selectFrom('rdscnfg.ferry_outbox')
      .selectAll()
      .orderBy('outbox_id')
      .execute();
    const expected: Array<{
      name: string;
      status: string;
      success: boolean;
      rowsLoaded: number | null;
      rowsRejected: number | null;
      error: string | null;
      table: string | null;
      checks?: unknown[];
    }> = [
      {
        name: accountFile,
        status: 'FINISHED',
        success: true,
        rowsLoaded: 6,
        rowsRejected: 0,
        error: null,
        table: 'rdsftetl.acct_master',
      },
      {
        name: claimsFile,
        status: 'SPLIT',
        success: true,
        rowsLoaded: null,
        rowsRejected: null,
        error: null,
        table: null,
        checks: [{ check: 'control_count', outcome: 'passed', expected: '7 records', found: '7 records' }],
      },
      {
        name: world.partName('D1'),
        status: 'FINISHED',
        success: true,
        rowsLoaded: 5,
        rowsRejected: 0,
        error: null,
        table: 'rdsftetl.claim_detail',
      },
      {
        name: world.partName('H1'),
        status: 'FINISHED',
        success: true,
        rowsLoaded: 2,
        rowsRejected: 0,
        error: null,
        table: 'rdsftetl.claim_header',
      },
      {
        name: flavorFile,
        status: 'TRANSFORMED',
        success: true,
        rowsLoaded: 6,
        rowsRejected: 0,
        error: null,
        table: 'rdsftetl.dc_x_pa_flavor',
        // The trailer count, checked again against the rows the warehouse loaded.
        checks: [
          {
            check: 'control_count',
            outcome: 'passed',
            expected: '6 records',
            found: '6 loaded + 0 rejected rows',
          },
        ],
      },
      {
        name: failingFile,
        status: 'FAILED',
        success: false,
        rowsLoaded: null,
        rowsRejected: null,
        error: trailerError,
        table: 'rdsftetl.dc_x_pa_flavor',
        checks: [{ check: 'control_count', outcome: 'failed', expected: '4 records', found: '3 records' }],
      },
      {
        name: hospitalFile,
        status: 'FINISHED',
        success: true,
        rowsLoaded: 8,
        rowsRejected: 0,
        error: null,
        table: 'rdsftetl.hosp_rpt',
      },
    ];
    expect(outbox).toHaveLength(expected.length * 2);
    for (const file of expected) {
      const run = world.run(file.name);
      const rows = outbox.filter((row) => row.run_id === run.run_id);
      expect(rows.map((row) => row.channel).sort(), file.name).toEqual(['eventbridge', 'sns']);
      const payload = {
        fileName: file.name,
        interface: run.ext_interface_cid,
        targetTable: file.table,
        status: file.status,
        success: file.success,
        rowsLoaded: file.rowsLoaded,
        rowsRejected: file.rowsRejected,
        error: file.error,
        auditId: run.ext_file_audit_sid,
        runId: run.run_id,
        durationMs: expect.any(Number),
        ...(file.checks && { checks: file.checks }),
      };
      const sns = rows.find((row) => row.channel === 'sns');
      const events = rows.find((row) => row.channel === 'eventbridge');
      expect(sns?.subject).toBe(
        `Ferry ${file.status} (${file.success ? 'succeeded' : 'failed'}): ${file.name}`,
      );
      const attributes = sns?.attributes as Record<string, { DataType: string; StringValue: string }>;
      expect(attributes.status).toEqual({ DataType: 'String', StringValue: file.status });
      expect(attributes.success).toEqual({ DataType: 'String', StringValue: String(file.success) });
      expect(attributes.interface).toEqual({ DataType: 'String', StringValue: run.ext_interface_cid });
      expect(attributes.runId).toEqual({ DataType: 'String', StringValue: run.run_id });
      expect(JSON.parse(attributes.payload?.StringValue ?? 'null')).toEqual(payload);
      expect(sns?.body).toContain(`File:          ${file.name}\n`);
      expect(sns?.body).toContain(`Status:        ${file.status}\n`);
      expect(sns?.body).toContain(`Error:         ${file.error ?? '-'}\n`);
      expect(events?.subject).toBe('Ferry File Status Change');
      expect(events?.attributes).toEqual({
        source: 'ferry',
        detailType: 'Ferry File Status Change',
        eventBusName: 'default',
      });
      expect(JSON.parse(String(events?.body))).toEqual(payload);
    }
  });
});
