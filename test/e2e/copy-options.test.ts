// Migration 2026-12-02-013's COPY options end to end: a config row using them → the rule → the COPY Ferry submits →
// the stand-in → the rows in the warehouse. AWS's pages for each option:
// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html,
// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html,
// https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html,
// https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileConfigTable, RunRow } from '../../lib/records/tables.js';
import { openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

type ConfigColumns = Partial<Record<keyof FileConfigTable, string | number | null>>;

interface Feed {
  sid: number;
  file: string;
  body: string | Buffer;
  /** Warehouse columns after `id int`; the rule loads id and these, in order. */
  columns: Array<[name: string, type: string, width?: number]>;
  config: ConfigColumns;
  rows: unknown[][];
}

const invalid = (before: string, after: string) =>
  Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]);

const feeds: Feed[] = [
  {
    // file_format 'csv' without csv_quote is CSV: quoted commas and doubled quotation marks.
    sid: 901,
    file: 'OPTS_901.csv',
    body: '1,"a, b"\n2,"say ""hi"""\n',
    columns: [['s', 'varchar(20)']],
    config: { file_format: 'csv', file_type: 'csv', delimiter: ',' },
    rows: [
      [1, 'a, b'],
      [2, 'say "hi"'],
    ],
  },
  {
    sid: 902,
    file: 'OPTS_902.txt',
    body: Buffer.concat([
      Buffer.from('report of 2024-01-01\nsource: partner\nid|s|n|e|f\n'),
      Buffer.from('1|ab  |1.239|x\\|y|z\n'),
      invalid('2|c', '|2.5|w\n'),
    ]),
    columns: [
      ['s', 'varchar(10)'],
      ['n', 'decimal(8,2)'],
      ['e', 'varchar(10)'],
      ['f', 'varchar(10)'],
    ],
    config: {
      ignore_header_rows: 3,
      backslash_escape: 'Y',
      fill_record: 'Y',
      trim_blanks: 'Y',
      round_decimals: 'Y',
      inv_char_replacement: '^',
    },
    rows: [
      [1, 'ab', '1.24', 'x|y', 'z'],
      [2, 'c^', '2.50', 'w', ''],
    ],
  },
  {
    // Without ACCEPTINVCHARS the row with an invalid UTF-8 byte is rejected (1220) rather than loaded with '?'.
    sid: 903,
    file: 'OPTS_903.txt',
    body: Buffer.concat([Buffer.from('1|ok\n'), invalid('2|c', '\n')]),
    columns: [['s', 'varchar(10)']],
    config: { accept_inv_chars: 'N', max_errors: 5 },
    rows: [[1, 'ok']],
  },
  {
    // Zstandard input that Ferry reads itself (the trailer is checked and stripped; the prepared copy is gzipped).
    sid: 904,
    file: 'OPTS_904.txt.zst',
    body: zstdCompressSync(Buffer.from('1|a\n2|b\nTRL0000000002\n')),
    columns: [['s', 'varchar(10)']],
    config: { file_type: 'zst', input_compression: 'zstd', trailer_flag: 'Y', trailer_pstn: '4:14' },
    rows: [
      [1, 'a'],
      [2, 'b'],
    ],
  },
  {
    // Zstandard loaded as it is: COPY … ZSTD.
    sid: 905,
    file: 'OPTS_905.txt.zst',
    body: zstdCompressSync(Buffer.from('1|a\n2|b\n')),
    columns: [['s', 'varchar(10)']],
    config: { file_type: 'zst', input_compression: 'zstd' },
    rows: [
      [1, 'a'],
      [2, 'b'],
    ],
  },
  {
    sid: 906,
    file: 'OPTS_906.dat.gz',
    body: gzipSync(Buffer.from('  1abc  \n  2de   \n')),
    columns: [['s', 'varchar(10)', 5]],
    config: { file_format: 'fixed_width', file_type: 'gz', delimiter: null, input_compression: 'gzip' },
    rows: [
      [1, 'abc  '],
      [2, 'de   '],
    ],
  },
  {
    sid: 907,
    file: 'OPTS_907.json.gz',
    body: gzipSync(
      Buffer.from('{"key": 1, "detail": {"label": "a"}}\n{"detail": {"label": "b"}, "key": 2}\n'),
    ),
    columns: [['s', 'varchar(10)']],
    config: {
      file_format: 'json',
      file_type: 'gz',
      delimiter: null,
      input_compression: 'gzip',
      json_paths: 'config/opts_907_jsonpaths.json',
    },
    rows: [
      [1, 'a'],
      [2, 'b'],
    ],
  },
  {
    // A Parquet feed tried locally: columns by position (the file's names differ from the table's), two row groups
    // (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html).
    sid: 908,
    file: 'OPTS_908.parquet',
    body: Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'key', data: [1, 2, 3], type: 'INT32' },
          { name: 'label', data: ['a', null, 'c'], type: 'STRING' },
        ],
        rowGroupSize: 2,
      }),
    ),
    columns: [['s', 'varchar(10)']],
    config: { file_format: 'parquet', file_type: 'parquet', delimiter: null },
    rows: [
      [1, 'a'],
      [2, null],
      [3, 'c'],
    ],
  },
];

/** Runs DDL on the stand-in and waits for it (runtime.query wants a result set). */
async function ddl(runtime: TestRuntime, sql: string): Promise<void> {
  const { id } = await runtime.warehouse.submit({ name: 'ferry-test-ddl', sqls: [sql], withEvent: false });
  await runtime.warehouse.drain();
  const { status, error } = await runtime.warehouse.describe(id);
  if (status !== 'FINISHED') throw new Error(`expected '${sql}' to finish, found ${status}: ${error}`);
}

async function addFeed(runtime: TestRuntime, feed: Feed): Promise<void> {
  const table = `opts_${feed.sid}`;
  const columns = feed.columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await ddl(
    runtime,
    `create table opts.${table} (id int, ${columns}, file_name varchar(300), target_transaction_timestamp timestamp)`,
  );
  const { db } = runtime.config;
  await db
    .insertInto('rdscnfg.ext_interface')
    .values({ ext_interface_cid: feed.sid, interface_name: `OPTS_${feed.sid}` })
    .execute();
  await db
    .insertInto('rdscnfg.ext_file_config')
    .values({
      ext_file_config_sid: feed.sid,
      ext_interface_cid: feed.sid,
      tgt_schema_name: 'opts',
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
  const details = [['id', 'int', 3] as const, ...feed.columns].map(([name, , width], index) => ({
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

describe.each(runtimeTargets)('COPY options from config columns, end to end on %s', (target) => {
  let runtime: TestRuntime;
  let runs: RunRow[];

  beforeAll(async () => {
    runtime = await openTestRuntime(target, { sampleConfig: false });
    await ddl(runtime, 'create schema if not exists opts');
    await runtime.store.put(
      'config/opts_907_jsonpaths.json',
      JSON.stringify({ jsonpaths: ['$.key', "$['detail']['label']"] }),
    );
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

  it.each(feeds.map((feed) => [feed.file, feed] as const))(
    'loads %s as the documented rows',
    async (_, feed) => {
      const run = runs.find((r) => r.object_key === `external_input/${feed.file}`);
      expect({ state: run?.state, error: run?.error }).toEqual({ state: 'LOADED', error: null });
      const names = ['id', ...feed.columns.map(([name]) => name)];
      const casts = names.map((name) => (name === 'n' ? 'n::text' : name)).join(', ');
      const result = await runtime.query(`select ${casts} from opts.opts_${feed.sid} order by id`);
      expect(result.rows).toEqual(feed.rows);
    },
  );
});
