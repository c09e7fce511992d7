import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeOnServer } from '../../../../support/server-only.js';
import { BUCKET, type StandIn, standInTargets } from './stand-in-targets.js';

// A bzip2 stream of "1|bz\n2|ip\n" made with bzip2 -9; the stand-in must decompress it.
const BZIP2_SAMPLE = Buffer.from(
  'QlpoOTFBWSZTWTSS6hcAAAFJgAAQMAAQIEAUIAAxDAgaBmo5iEEPF3JFOFCQNJLqFw==',
  'base64',
);

describe.each(standInTargets)('the local Redshift stand-in runs COPY on $name', (target) => {
  let standIn: StandIn;
  const copy = (body: string) => standIn.run([body]);
  const rows = async (sql: string) => (await standIn.query(sql)).rows;

  beforeEach(async () => {
    standIn = await target.open();
    await standIn.run([
      'create schema rdsftetl',
      `create table rdsftetl.dc_x_pa_flavor (flavor_id int, flavor_code varchar(10), flavor_name varchar(100),
        category varchar(50), effective_date date, price decimal(12,2), active_flag char(1),
        file_name varchar(300), target_transaction_timestamp timestamp default getdate())`,
    ]);
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('loads a pipe-delimited file and reports the rows loaded', async () => {
    await standIn.store.put(
      'processing/527.txt',
      '1|VAN|Vanilla|Classic|2015-10-15|1.50|Y\n2|CHO|Chocolate|Classic|20151016|2.25|N\n',
    );
    const result = await copy(
      `COPY rdsftetl.dc_x_pa_flavor (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag)
       FROM 's3://${BUCKET}/processing/527.txt' IAM_ROLE 'arn:aws:iam::1:role/x' DELIMITER AS '|' DATEFORMAT AS 'auto' REGION 'us-east-1'`,
    );
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 2 });
    expect(
      await rows(`select flavor_id, flavor_name, effective_date, price, active_flag, target_transaction_timestamp is not null
                  from rdsftetl.dc_x_pa_flavor order by 1`),
    ).toEqual([
      [1, 'Vanilla', '2015-10-15', '1.50', 'Y', true],
      [2, 'Chocolate', '2015-10-16', '2.25', 'N', true],
    ]);
  });

  it('loads gzip CSV with a header, quoted delimiters and quoted newlines', async () => {
    await standIn.run([
      'create table hosp (hospital_id int, hospital_name varchar(200), report_date date, beds int)',
    ]);
    const csv =
      'hospital_id,hospital_name,report_date,beds\n1,"Mercy, General",2014-01-31,120\n2,"Saint ""Luke""\nAnnex",2014-02-28,80\n';
    await standIn.store.put('in/hosp.csv.gz', gzipSync(csv));
    const result = await copy(
      `copy hosp from 's3://${BUCKET}/in/hosp.csv.gz' format as csv quote as '"' ignoreheader 1 gzip`,
    );
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 2 });
    expect(await rows('select hospital_id, hospital_name, beds from hosp order by 1')).toEqual([
      [1, 'Mercy, General', 120],
      [2, 'Saint "Luke"\nAnnex', 80],
    ]);
  });

  it('loads bzip2 input', async () => {
    await standIn.run(['create table b (n int, s varchar(5))']);
    await standIn.store.put('in/b.txt.bz2', BZIP2_SAMPLE);
    const result = await copy(`copy b from 's3://${BUCKET}/in/b.txt.bz2' delimiter '|' bzip2`);
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 2 });
    expect(await rows('select n, s from b order by n')).toEqual([
      [1, 'bz'],
      [2, 'ip'],
    ]);
  });

  it('loads a fixed-width file by the widths given', async () => {
    await standIn.run([
      'create table acct (acct_no varchar(10), acct_name varchar(20), open_date date, balance decimal(12,2))',
    ]);
    const line = (no: string, name: string, date: string, balance: string) =>
      `${no.padEnd(10)}${name.padEnd(20)}${date}${balance.padStart(12)}`;
    await standIn.store.put(
      'in/acct.dat',
      `${line('A1', 'Ada', '20240101', '100.25')}\n${line('B22', 'Bob', '20231231', '-5')}\n`,
    );
    const result = await copy(
      `copy acct from 's3://${BUCKET}/in/acct.dat' fixedwidth 'acct_no:10,acct_name:20,open_date:8,balance:12' dateformat 'YYYYMMDD'`,
    );
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 2 });
    expect(
      await rows('select trim(acct_no), trim(acct_name), open_date, balance from acct order by 1'),
    ).toEqual([
      ['A1', 'Ada', '2024-01-01', '100.25'],
      ['B22', 'Bob', '2023-12-31', '-5.00'],
    ]);
  });

  it('honours NULL AS, EMPTYASNULL, BLANKSASNULL and TRUNCATECOLUMNS', async () => {
    await standIn.run(['create table n (a varchar(3), b varchar(3), c varchar(3), d int)']);
    await standIn.store.put('in/n.txt', 'NA||  |\nabcdef|x|y|7\n');
    const result = await copy(
      `copy n from 's3://${BUCKET}/in/n.txt' delimiter '|' null as 'NA' emptyasnull blanksasnull truncatecolumns`,
    );
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 2 });
    expect(await rows('select a, b, c, d from n order by d nulls first')).toEqual([
      [null, null, null, null],
      ['abc', 'x', 'y', 7],
    ]);
  });

  it('loads every key starting with a bare prefix, but only the manifest entries through a manifest', async () => {
    await standIn.run(['create table p (n int)']);
    await standIn.store.put('in/file.txt', '1\n');
    await standIn.store.put('in/file.txt.bak', '2\n');
    await standIn.store.put(
      'in/manifest.json',
      JSON.stringify({ entries: [{ url: `s3://${BUCKET}/in/file.txt`, mandatory: true }] }),
    );
    expect(await copy(`copy p from 's3://${BUCKET}/in/file.txt'`)).toMatchObject({ resultRows: 2 });
    expect(await copy(`copy p from 's3://${BUCKET}/in/manifest.json' manifest`)).toMatchObject({
      resultRows: 1,
    });
    expect(await rows('select n, count(*) from p group by n order by n')).toEqual([
      [1, 2],
      [2, 1],
    ]);
    await standIn.store.put(
      'in/missing.json',
      JSON.stringify({ entries: [{ url: `s3://${BUCKET}/in/nope.txt`, mandatory: true }] }),
    );
    const missing = await copy(`copy p from 's3://${BUCKET}/in/missing.json' manifest`);
    expect(missing.status).toBe('FAILED');
    expect(missing.error).toContain("'s3://ferry-test/in/nope.txt' does not exist");
  });

  it('skips bad rows up to MAXERROR and records each in sys_load_error_detail', async () => {
    await standIn.store.put(
      'in/bad.txt',
      '1|A|x|c|2015-10-15|1.00|Y\nX|B|x|c|2015-10-15|1.00|Y\n3|C|x|c|2015-02-30|1.00|Y\n4|D|x|c|2015-10-15|1.00\n',
    );
    const result = await copy(`copy rdsftetl.dc_x_pa_flavor (flavor_id, flavor_code, flavor_name, category,
      effective_date, price, active_flag) from 's3://${BUCKET}/in/bad.txt' delimiter '|' maxerror 3`);
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: 1 });
    const copyQueryId = result.redshiftQueryId;
    expect(
      await rows(`select query_id, file_name, line_number, trim(column_name), error_code, raw_field_value
                  from sys_load_error_detail order by line_number`),
    ).toEqual([
      [copyQueryId, `s3://${BUCKET}/in/bad.txt`, 2, 'flavor_id', 1207, 'X'],
      [copyQueryId, `s3://${BUCKET}/in/bad.txt`, 3, 'effective_date', 1205, '2015-02-30'],
      [copyQueryId, `s3://${BUCKET}/in/bad.txt`, 4, 'active_flag', 1203, ''],
    ]);
  });

  it('fails past MAXERROR with Redshift’s message, loads nothing and still records the rejected rows', async () => {
    await standIn.store.put(
      'in/worse.txt',
      '1|A|x|c|2015-10-15|1.00|Y\nX|B|x|c|2015-10-15|1.00|Y\nY|B|x|c|2015-10-15|1.00|Y\n',
    );
    const result = await standIn.run([
      `copy rdsftetl.dc_x_pa_flavor (flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag)
       from 's3://${BUCKET}/in/worse.txt' delimiter '|' maxerror 1`,
      'select 1',
    ]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe(
      "ERROR: Load into table 'dc_x_pa_flavor' failed. Check 'sys_load_error_detail' system table for details.",
    );
    expect(result.subStatements.map((s) => s.status)).toEqual(['FAILED', 'ABORTED']);
    expect(await rows('select count(*) from rdsftetl.dc_x_pa_flavor')).toEqual([[0]]);
    expect(await rows('select line_number, error_message from sys_load_error_detail order by 1')).toEqual([
      [2, "Invalid digit, Value 'X', Type: Integer"],
      [3, "Invalid digit, Value 'Y', Type: Integer"],
    ]);
  });

  // "The maximum size of a single input row from any source is 4 MB."
  // https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-source.html
  it('rejects a row one byte over Redshift’s 4 MB row limit with 1216, and fails the load past MAXERROR', async () => {
    const overLimit = 4 * 1024 * 1024 + 1;
    const long = `2|B|${'x'.repeat(overLimit - 24)}|c|2015-10-15|1.00|Y`;
    expect(Buffer.byteLength(long)).toBe(overLimit);
    await standIn.store.put('in/long.txt', `1|A|x|c|2015-10-15|1.00|Y\n${long}\n3|C|x|c|2015-10-15|1.00|Y\n`);
    const columns = 'flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag';
    const tolerated = await copy(
      `copy rdsftetl.dc_x_pa_flavor (${columns}) from 's3://${BUCKET}/in/long.txt' delimiter '|' maxerror 1`,
    );
    const refused = await copy(
      `copy rdsftetl.dc_x_pa_flavor (${columns}) from 's3://${BUCKET}/in/long.txt' delimiter '|'`,
    );
    expect([tolerated.status, tolerated.resultRows, refused.status, refused.error]).toEqual([
      'FINISHED',
      2,
      'FAILED',
      "ERROR: Load into table 'dc_x_pa_flavor' failed. Check 'sys_load_error_detail' system table for details.",
    ]);
    expect(
      await rows(`select line_number, error_code, error_message, length(raw_line)
                  from sys_load_error_detail order by query_id`),
    ).toEqual([
      [
        2,
        1216,
        `Input line is not valid: expected a row of at most 4194304 bytes (4 MB), found ${overLimit} bytes`,
        1024,
      ],
      [
        2,
        1216,
        `Input line is not valid: expected a row of at most 4194304 bytes (4 MB), found ${overLimit} bytes`,
        1024,
      ],
    ]);
    expect(await rows('select flavor_id from rdsftetl.dc_x_pa_flavor order by 1')).toEqual([[1], [3]]);
  });

  it('nulls an invalid date under ACCEPTANYDATE and replaces invalid UTF-8 under ACCEPTINVCHARS', async () => {
    await standIn.run(['create table u (s varchar(10), d date)']);
    await standIn.store.put(
      'in/u.txt',
      Buffer.concat([Buffer.from('a'), Buffer.from([0xff]), Buffer.from('b|2024-13-01\n')]),
    );
    const strict = await copy(`copy u from 's3://${BUCKET}/in/u.txt' delimiter '|'`);
    expect(strict.status).toBe('FAILED');
    const lenient = await copy(
      `copy u from 's3://${BUCKET}/in/u.txt' delimiter '|' acceptinvchars as '^' acceptanydate`,
    );
    expect(lenient).toMatchObject({ status: 'FINISHED', resultRows: 1 });
    expect(await rows('select s, d from u')).toEqual([['a^b', null]]);
    expect(await rows('select error_code from sys_load_error_detail')).toEqual([[1220]]);
  });

  it('loads JSON auto, one object per line; refuses LZOP clearly and fails a JSON file read as PARQUET', async () => {
    await standIn.run(['create table j (id int, name varchar(20), tags varchar(50))']);
    await standIn.store.put('in/j.json', '{"id": 1, "name": "a", "tags": ["x"]}\n{"id": 2, "extra": true}\n');
    expect(await copy(`copy j from 's3://${BUCKET}/in/j.json' format as json 'auto'`)).toMatchObject({
      resultRows: 2,
    });
    expect(await rows('select id, name, tags from j order by id')).toEqual([
      [1, 'a', '["x"]'],
      [2, null, null],
    ]);
    const parquet = await copy(`copy j from 's3://${BUCKET}/in/j.json' format as parquet`);
    expect(parquet.error).toMatch(/^ERROR: 's3:\/\/.*\/in\/j\.json' is not a Parquet file: /);
    const lzop = await copy(`copy j from 's3://${BUCKET}/in/j.json' json 'auto' lzop`);
    expect(lzop.error).toContain("'LZOP (not supported locally)'");
  });

  it('loads through a temp stage table and INSERT…SELECT in one batch, as Ferry does', async () => {
    await standIn.store.put('processing/run/part-1.txt', '1|A|x|c|2015-10-15|1.00|Y\n');
    await standIn.store.put(
      'processing/run/manifest.json',
      JSON.stringify({ entries: [{ url: `s3://${BUCKET}/processing/run/part-1.txt`, mandatory: true }] }),
    );
    const cols = 'flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag';
    const result = await standIn.run([
      'CREATE TEMP TABLE "ferry_stage" (LIKE "rdsftetl"."dc_x_pa_flavor")',
      `COPY "ferry_stage" (${cols}) FROM 's3://${BUCKET}/processing/run/manifest.json' MANIFEST DELIMITER AS '|'`,
      `INSERT INTO "rdsftetl"."dc_x_pa_flavor" (${cols}, file_name, target_transaction_timestamp) SELECT ${cols}, 'f.txt', '2024-01-02 03:04:05'::timestamp FROM "ferry_stage"`,
      'DROP TABLE "ferry_stage"',
    ]);
    expect(result.status).toBe('FINISHED');
    expect(result.subStatements.map((s) => s.resultRows)).toEqual([0, 1, 1, 0]);
    expect(
      await rows('select flavor_id, file_name, target_transaction_timestamp from rdsftetl.dc_x_pa_flavor'),
    ).toEqual([[1, 'f.txt', '2024-01-02 03:04:05']]);
  });
});

describeOnServer('the local Redshift stand-in streams COPY on postgres', () => {
  const target = standInTargets.find((t) => t.server)!;
  let standIn: StandIn;
  const copy = (body: string) => standIn.run([body]);
  const rows = async (sql: string) => (await standIn.query(sql)).rows;

  beforeEach(async () => {
    standIn = await target.open();
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('streams a 200,000-row COPY into the server', async () => {
    await standIn.run(['create table big (n int, label varchar(20))']);
    const total = 200_000;
    let next = 0;
    const body = new Readable({
      read() {
        if (next >= total) return this.push(null);
        const lines: string[] = [];
        for (let i = 0; i < 1000 && next < total; i++) lines.push(`${next++}|row-${next}`);
        this.push(`${lines.join('\n')}\n`);
      },
    });
    await standIn.store.put('in/big.txt', body);
    const before = process.memoryUsage().heapUsed;
    const result = await copy(`copy big from 's3://${BUCKET}/in/big.txt' delimiter '|'`);
    const grown = process.memoryUsage().heapUsed - before;
    expect(result).toMatchObject({ status: 'FINISHED', resultRows: total });
    expect(await rows('select count(*), max(n) from big')).toEqual([[total, total - 1]]);
    // The file is about 3 MB; holding it (as strings) would grow the heap far more than this.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });
});
