import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translateRedshiftSql } from '../../../lib/adapters/local/redshift/translate-sql.js';
import { renderPostLoadSql } from '../../../lib/core/load-sql/placeholders.js';
import { applyRedshiftSql, type SqlSession, sessionTargets } from './warehouse-sessions.js';

/** The post-load query of rule sid 4, as the sample config writes it. */
const postLoadQuery =
  "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', {{file_name}}, {{loaded_at}});";

type StageRow = [number | null, string | null, string, string, string | null, string, string, string];

const fileA = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const fileB = 'PROD_20151017_080000000_PA_FLAVOR_527.txt';
const loadedA = '2015-10-15 15:06:00';
const loadedB = '2015-10-17 08:00:00';

async function insertStage(session: SqlSession, rows: StageRow[]): Promise<void> {
  for (const row of rows) {
    await session.query(
      `insert into rdsftetl.dc_x_pa_flavor
         (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag, file_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      row,
    );
  }
}

/** Renders and translates the rule's query the way Ferry and the stand-in do, then runs it. */
async function runPostLoad(session: SqlSession, fileName: string, loadedAt: string): Promise<void> {
  const sql = renderPostLoadSql(postLoadQuery, {
    file_name: fileName,
    loaded_at: loadedAt,
    run_id: 'run-1',
    interface_cid: '527',
    target_table: 'rdsftetl.dc_x_pa_flavor',
  });
  await session.query(translateRedshiftSql(sql));
}

const coreRows = (session: SqlSession) =>
  session.query(`select flavor_id, flavor_code, price::text as price, valid_from::text as valid_from,
      valid_to::text as valid_to, file_name
    from rdsftcore.dc_x_pa_flavor order by flavor_id, valid_from`);

const errorRows = (session: SqlSession) =>
  session.query(`select flavor_id, effective_date::text as effective_date, price::text as price, file_name,
      error_reason, target_transaction_timestamp is not null as stamped
    from rdsftetl.dc_x_pa_flavor_error order by flavor_id nulls first, error_reason`);

const columnsOf = async (session: SqlSession, table: string) =>
  (
    await session.query<{ column: string }>(
      `select a.attname || ' ' || format_type(a.atttypid, a.atttypmod) as column
       from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
       order by a.attnum`,
      [table],
    )
  ).map((row) => row.column);

const stamping = [
  'file_name character varying(300)',
  'target_transaction_timestamp timestamp without time zone',
];
const flavorColumns = [
  'flavor_id integer',
  'flavor_code character varying(10)',
  'flavor_name character varying(100)',
  'category character varying(50)',
  'effective_date date',
  'price numeric(12,2)',
  'active_flag character(1)',
];

describe.each(sessionTargets)('sql/redshift applied through the stand-in translator on $name', (target) => {
  let session: SqlSession;

  beforeAll(async () => {
    session = await target.open();
    await applyRedshiftSql(session);
  });
  afterAll(async () => {
    await session.close();
  });
  beforeEach(async () => {
    for (const table of [
      'rdsftetl.dc_x_pa_flavor',
      'rdsftetl.dc_x_pa_flavor_error',
      'rdsftcore.dc_x_pa_flavor',
    ]) {
      await session.query(`delete from ${table}`);
    }
  });

  it('creates the stage tables with the samples spec columns in order, then the stamping columns', async () => {
    expect(await columnsOf(session, 'rdsftetl.dc_x_pa_flavor')).toEqual([...flavorColumns, ...stamping]);
    expect(await columnsOf(session, 'rdsftetl.hosp_rpt')).toEqual([
      'hospital_id integer',
      'hospital_name character varying(200)',
      'report_date date',
      'beds integer',
      'admissions integer',
      ...stamping,
    ]);
    expect(await columnsOf(session, 'rdsftetl.acct_master')).toEqual([
      'acct_no character varying(10)',
      'acct_name character varying(20)',
      'open_date date',
      'balance numeric(12,2)',
      ...stamping,
    ]);
    expect(await columnsOf(session, 'rdsftetl.claim_header')).toEqual([
      'record_type character(2)',
      'claim_id integer',
      'member_id character varying(20)',
      'claim_date date',
      ...stamping,
    ]);
    expect(await columnsOf(session, 'rdsftetl.claim_detail')).toEqual([
      'record_type character(2)',
      'claim_id integer',
      'line_no integer',
      'procedure_cd character varying(10)',
      'amount numeric(12,2)',
      ...stamping,
    ]);
  });

  it('creates the core table with validity columns and the error table with a reason column', async () => {
    expect(await columnsOf(session, 'rdsftcore.dc_x_pa_flavor')).toEqual([
      ...flavorColumns,
      'valid_from timestamp without time zone',
      'valid_to timestamp without time zone',
      'file_name character varying(300)',
    ]);
    expect(await columnsOf(session, 'rdsftetl.dc_x_pa_flavor_error')).toEqual([
      ...flavorColumns,
      ...stamping,
      'error_reason character varying(500)',
    ]);
  });

  it('stamps target_transaction_timestamp through the getdate() default', async () => {
    await insertStage(session, [[101, 'VAN01', 'Vanilla', 'Classic', '2015-10-01', '4.25', 'Y', fileA]]);
    const [row] = await session.query<{ seconds_off: number }>(
      `select abs(extract(epoch from target_transaction_timestamp - (now() at time zone 'UTC')))::int as seconds_off
       from rdsftetl.dc_x_pa_flavor`,
    );
    expect(row!.seconds_off).toBeLessThan(60);
  });

  it('can apply every file again and still holds one copy of each job step', async () => {
    await applyRedshiftSql(session);
    const steps = await session.query<{ serial_no: number }>(
      `select serial_no from rdsftorchestration.job_config_sqls
       where schema_name = 'rdsftcore' and table_name = 'dc_x_pa_flavor' order by serial_no`,
    );
    expect(steps.map((step) => step.serial_no)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['2015-10-15', 'YYYY-MM-DD', 0],
    ['2016-02-29', 'YYYY-MM-DD', 0],
    ['2000-02-29', 'YYYY-MM-DD', 0],
    ['20151015', '%Y%m%d', 0],
    ['10/15/2015', 'MM/DD/YYYY', 0],
    [' 2015-10-15 ', 'yyyy-mm-dd', 0],
    ['', 'YYYY-MM-DD', 0],
    ['   ', '%Y%m%d', 0],
    [null, 'YYYY-MM-DD', 0],
    ['2015-02-30', 'YYYY-MM-DD', 1],
    ['2015-02-29', 'YYYY-MM-DD', 1],
    ['1900-02-29', 'YYYY-MM-DD', 1],
    ['2015-04-31', 'YYYY-MM-DD', 1],
    ['2015-13-01', 'YYYY-MM-DD', 1],
    ['2015-00-10', 'YYYY-MM-DD', 1],
    ['0000-01-01', 'YYYY-MM-DD', 1],
    // Python strptime, which the original's UDF was, takes one-digit months and days between separators.
    ['2015-1-5', 'YYYY-MM-DD', 0],
    ['11/7/2013', '%m/%d/%Y', 0],
    ['7/11/2013', '%d/%m/%Y', 0],
    ['1/1/2013', 'MM/DD/YYYY', 0],
    ['2013-7-32', '%Y-%m-%d', 1],
    ['2/30/2013', '%m/%d/%Y', 1],
    ['11/7/13', '%m/%d/%Y', 1],
    ['20093232', '%Y%m%d', 1],
    ['2009115', '%Y%m%d', 1],
    ['2015-ab-01', 'YYYY-MM-DD', 1],
    ['2015/10/15', 'YYYY-MM-DD', 1],
    ['20151015', 'YYYY-MM-DD', 1],
    ['2015-10-15', 'DD-MON-YYYY', 1],
    ['2015-10-15', null, 1],
  ] as const)('fn_chk_date(%j, %j) is %i', async (value, format, expected) => {
    const [row] = await session.query<{ result: number }>('select rdsftetl.fn_chk_date($1, $2) as result', [
      value,
      format,
    ]);
    expect(row!.result).toBe(expected);
  });

  it('fn_chk_date checks literal arguments and column values without a failed cast', async () => {
    const [literal] = await session.query<{ result: number }>(
      "select rdsftetl.fn_chk_date('2015-ab-01', 'YYYY-MM-DD') + rdsftetl.fn_chk_date('2015-10-15', 'YYYY-MM-DD') as result",
    );
    expect(literal!.result).toBe(1);
    const rows = await session.query<{ value: string; result: number }>(
      `select value, rdsftetl.fn_chk_date(value, '%Y%m%d') as result
       from (values ('20151015'), ('2015x015'), ('20151315'), ('')) as t(value) order by value`,
    );
    expect(rows).toEqual([
      { value: '', result: 0 },
      { value: '20151015', result: 0 },
      { value: '20151315', result: 1 },
      { value: '2015x015', result: 1 },
    ]);
  });

  it("loads one file's valid rows into core and its invalid rows, with reasons, into the error table", async () => {
    await insertStage(session, [
      [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-01', '4.25', 'Y', fileA],
      [102, 'CHOC02', 'Belgian Dark Chocolate', 'Classic', '2015-10-01', '4.75', 'Y', fileA],
      [103, 'STRW03', 'Strawberry Swirl', 'Fruit', null, '3.95', 'Y', fileA],
      [104, 'MINT04', 'Mint Chocolate Chip', 'Classic', '2015-10-01', '-1.00', 'Y', fileA],
      [null, 'NONE00', 'No Key', 'Classic', '2015-10-01', '1.00', 'Y', fileA],
      [105, 'MANG05', 'Alphonso Mango Sorbet', 'Sorbet', '2015-10-05', '5.20', 'N', fileA],
      [105, 'MANG05', 'Alphonso Mango Sorbet', 'Sorbet', '2015-10-05', '5.20', 'N', fileA],
      [106, 'PIST06', 'Sicilian Pistachio', 'Nut', '2015-10-12', '5.95', 'X', fileA],
      [107, ' ', 'Blank Code', 'Nut', '2015-10-12', '5.95', 'Y', fileA],
      [201, 'OTHER1', 'Another File', 'Classic', '2015-10-01', '-9.00', 'Y', 'OTHER_527.txt'],
    ]);

    await runPostLoad(session, fileA, loadedA);

    expect(await coreRows(session)).toEqual([
      {
        flavor_id: 101,
        flavor_code: 'VAN01',
        price: '4.25',
        valid_from: loadedA,
        valid_to: null,
        file_name: fileA,
      },
      {
        flavor_id: 102,
        flavor_code: 'CHOC02',
        price: '4.75',
        valid_from: loadedA,
        valid_to: null,
        file_name: fileA,
      },
    ]);
    const error = (flavorId: number | null, effectiveDate: string | null, price: string, reason: string) => ({
      flavor_id: flavorId,
      effective_date: effectiveDate,
      price,
      file_name: fileA,
      error_reason: reason,
      stamped: true,
    });
    expect(await errorRows(session)).toEqual([
      error(null, '2015-10-01', '1.00', 'flavor_id is missing'),
      error(103, null, '3.95', 'effective_date is missing or not a valid date'),
      error(104, '2015-10-01', '-1.00', 'price is negative'),
      error(105, '2015-10-05', '5.20', 'flavor_id appears more than once in the file'),
      error(105, '2015-10-05', '5.20', 'flavor_id appears more than once in the file'),
      error(106, '2015-10-12', '5.95', 'active_flag is not Y or N'),
      error(107, '2015-10-12', '5.95', 'flavor_code is missing'),
    ]);
  });

  it('closes the versions a later file replaces and leaves the other keys current', async () => {
    await insertStage(session, [
      [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-01', '4.25', 'Y', fileA],
      [102, 'CHOC02', 'Belgian Dark Chocolate', 'Classic', '2015-10-01', '4.75', 'Y', fileA],
    ]);
    await runPostLoad(session, fileA, loadedA);
    await insertStage(session, [
      [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-16', '4.35', 'Y', fileB],
      [108, 'LEMN08', 'Meyer Lemon Sorbet', 'Sorbet', '2015-10-16', '4.40', 'Y', fileB],
    ]);

    await runPostLoad(session, fileB, loadedB);

    expect(await coreRows(session)).toEqual([
      {
        flavor_id: 101,
        flavor_code: 'VAN01',
        price: '4.25',
        valid_from: loadedA,
        valid_to: loadedB,
        file_name: fileA,
      },
      {
        flavor_id: 101,
        flavor_code: 'VAN01',
        price: '4.35',
        valid_from: loadedB,
        valid_to: null,
        file_name: fileB,
      },
      {
        flavor_id: 102,
        flavor_code: 'CHOC02',
        price: '4.75',
        valid_from: loadedA,
        valid_to: null,
        file_name: fileA,
      },
      {
        flavor_id: 108,
        flavor_code: 'LEMN08',
        price: '4.40',
        valid_from: loadedB,
        valid_to: null,
        file_name: fileB,
      },
    ]);
    expect(await errorRows(session)).toEqual([]);
  });

  it('changes nothing when the same file is transformed again, even after a later file', async () => {
    await insertStage(session, [
      [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-01', '4.25', 'Y', fileA],
      [104, 'MINT04', 'Mint Chocolate Chip', 'Classic', '2015-10-01', '-1.00', 'Y', fileA],
      [101, 'VAN01', 'Madagascar Vanilla Bean', 'Classic', '2015-10-16', '4.35', 'Y', fileB],
    ]);
    await runPostLoad(session, fileA, loadedA);
    await runPostLoad(session, fileB, loadedB);
    const core = await coreRows(session);
    const errors = await errorRows(session);

    await runPostLoad(session, fileA, '2015-10-18 00:00:00');
    await runPostLoad(session, fileB, '2015-10-18 00:00:00');

    expect(await coreRows(session)).toEqual(core);
    expect(await errorRows(session)).toEqual(errors);
    expect(core.map((row) => [row.file_name, row.valid_to])).toEqual([
      [fileA, loadedB],
      [fileB, null],
    ]);
    expect(errors.map((row) => row.flavor_id)).toEqual([104]);
  });

  it('keeps a hostile file name a single literal through rendering, translation and the procedure', async () => {
    const hostile = "it's {loaded_at}; drop table rdsftcore.dc_x_pa_flavor; -- \\ {file_name}";
    await insertStage(session, [[101, 'VAN01', 'Vanilla', 'Classic', '2015-10-01', '4.25', 'Y', hostile]]);

    await runPostLoad(session, hostile, loadedA);

    expect(await coreRows(session)).toEqual([
      {
        flavor_id: 101,
        flavor_code: 'VAN01',
        price: '4.25',
        valid_from: loadedA,
        valid_to: null,
        file_name: hostile,
      },
    ]);
  });

  it('accepts the load time with fractions of a second, as Ferry stamps rows', async () => {
    await insertStage(session, [[101, 'VAN01', 'Vanilla', 'Classic', '2015-10-01', '4.25', 'Y', fileA]]);

    await runPostLoad(session, fileA, '2015-10-15 15:06:00.123');

    expect((await coreRows(session)).map((row) => row.valid_from)).toEqual(['2015-10-15 15:06:00.123']);
  });

  it("runs the original framework's window call: p_etl_from_timestamp and p_etl_to_timestamp become the bounds", async () => {
    // The original's job rows write the placeholders inside quotes, with spaces around them.
    await session.query(
      'create table if not exists rdsftetl.window_probe (from_ts timestamp, to_ts timestamp)',
    );
    await session.query('delete from rdsftetl.window_probe');
    await session.query("delete from rdsftorchestration.job_config_sqls where table_name = 'window_probe'");
    await session.query(
      `insert into rdsftorchestration.job_config_sqls values ('rdsftetl', 'window_probe', 1,
       'insert into rdsftetl.window_probe select '' p_etl_from_timestamp '', '' p_etl_to_timestamp ''')`,
    );
    await session.query(
      "call rdsftorchestration.execute_sql_from_table('rdsftetl','window_probe', '2020-01-01 17:49:29', '2030-1-1 17:49:29')",
    );
    const rows = await session.query<{ from_ts: string; to_ts: string }>(
      'select from_ts::text as from_ts, to_ts::text as to_ts from rdsftetl.window_probe',
    );
    expect(rows).toEqual([{ from_ts: '2020-01-01 17:49:29', to_ts: '2030-01-01 17:49:29' }]);
  });

  // https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html#r_Type_conversion
  it('compares a varchar column with integer literals and passes a timestamp to replace, as Redshift converts', async () => {
    const rows = await session.query<{ v: string }>(
      `select v from (values ('0'), ('1'), ('2'), ('01')) as t(v) where cast(v as varchar(5)) in (0, 1) order by v`,
    );
    expect(rows.map((row) => row.v)).toEqual(['0', '01', '1']);
    const [greater] = await session.query<{ n: number }>(
      "select count(*)::int as n from (values ('5'), ('12')) as t(v) where 10 < cast(v as varchar(5))",
    );
    expect(greater!.n).toBe(1);
    const [text] = await session.query<{ sql: string }>(
      "select replace('where ts > p_from', 'p_from', cast('2020-01-01 17:49:29' as timestamp)) as sql",
    );
    expect(text!.sql).toBe('where ts > 2020-01-01 17:49:29');
    const [plain] = await session.query<{ n: number }>(
      "select count(*)::int as n from (values ('a'), ('b')) as t(v) where cast(v as varchar(5)) = 'a'",
    );
    expect(plain!.n).toBe(1);
    await expect(
      session.query("select 1 from (values ('x')) as t(v) where cast(v as varchar(5)) = 1"),
    ).rejects.toThrow('invalid input syntax for type numeric: "x"');
  });

  it('fails with a message naming the table when it has no job steps', async () => {
    await expect(
      session.query(
        "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'no_such_table', 'f.txt', '2015-10-15')",
      ),
    ).rejects.toThrow(
      'expected rows in rdsftorchestration.job_config_sqls for rdsftcore.no_such_table, found none',
    );
  });

  it('fails before running any step when the load time is not a timestamp or the file name is missing', async () => {
    await insertStage(session, [[101, 'VAN01', 'Vanilla', 'Classic', '2015-10-01', '4.25', 'Y', fileA]]);
    await expect(
      session.query(
        `call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', '${fileA}', 'not a time')`,
      ),
    ).rejects.toThrow('invalid input syntax for type timestamp: "not a time"');
    await expect(
      session.query(
        "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', null, '2015-10-15')",
      ),
    ).rejects.toThrow(
      'execute_sql_from_table expects a file name and a load time, found file name null and load time 2015-10-15',
    );
    expect(await coreRows(session)).toEqual([]);
  });

  it('turns the 527 sample file into 5 core rows and 1 error row for its impossible date', async () => {
    const text = readFileSync(new URL(`../../../sql/samples/files/${fileA}`, import.meta.url), 'utf8');
    const records = text.trimEnd().split('\n').slice(0, -1);
    // What COPY with ACCEPTANYDATE does with a date it cannot read: it loads null.
    const dateOrNull = (value: string) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
    };
    await insertStage(
      session,
      records.map((record) => {
        const [id, code, name, category, date, price, flag] = record.split('|') as [string, ...string[]];
        return [Number(id), code!, name!, category!, dateOrNull(date!), price!, flag!, fileA];
      }),
    );

    await runPostLoad(session, fileA, loadedA);

    expect((await coreRows(session)).map((row) => row.flavor_id)).toEqual([101, 102, 103, 105, 106]);
    expect((await errorRows(session)).map((row) => [row.flavor_id, row.error_reason])).toEqual([
      [104, 'effective_date is missing or not a valid date'],
    ]);
  });
});
