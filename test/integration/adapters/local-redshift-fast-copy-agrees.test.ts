// Property: on any delimited file, the stand-in's fast path (PostgreSQL's own COPY) and its checked path (Redshift's
// rules, row by row) reach the same outcome — the same rows, the same rejects with the same codes and messages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../lib/adapters/local/local-object-store.js';
import type { CopyCommand } from '../../../lib/adapters/local/redshift/copy/copy-command.js';
import { defaultCopyCommand } from '../../../lib/adapters/local/redshift/copy/copy-command.js';
import type { LoadErrorRow } from '../../../lib/adapters/local/redshift/copy/load-errors.js';
import { LoadFailedError, runCopy } from '../../../lib/adapters/local/redshift/copy/run-copy.js';
import type {
  WarehouseConnection,
  WarehouseSession,
} from '../../../lib/adapters/postgres/warehouse-connection.js';
import { recordCopyPaths } from '../../support/copy-paths.js';
import { warehouseTargets } from '../../support/warehouse-targets.js';

const bucket = 'agree';
const columns = 'id int, code varchar(6), amount bigint';

/** Values PostgreSQL's text COPY and Redshift both read the same way (or both reject: a long code). */
const plainField = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9-]{0,8}$/),
);
/** A line that fits the table: the fast path loads a file of these itself. */
const fittingLine = fc
  .tuple(
    fc.integer({ min: -99_999, max: 99_999 }),
    fc.stringMatching(/^[A-Za-z0-9-]{0,6}$/),
    fc.bigInt(-(2n ** 40n), 2n ** 40n),
  )
  .map((fields) => fields.join('|'));
/** Values where the two could part: escapes, CRs, padding, spellings PostgreSQL alone accepts, bytes, NULL AS. */
const trickyField = fc.constantFrom(
  '\\N',
  '\\',
  'a\\|b',
  '\r',
  ' 1',
  '1 ',
  'abcdef ',
  '1_000',
  '0x1F',
  'ééé',
  '',
  '99999999999999999999',
  '+7',
  'x',
);
const line = (field: fc.Arbitrary<string>) =>
  fc.array(field, { minLength: 2, maxLength: 4 }).map((fields) => fields.join('|'));
const file = fc.oneof(
  // Mostly plain files: the fast path takes these, so the property is about its outcomes, not only its refusals.
  { weight: 3, arbitrary: fc.array(fittingLine, { minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(line(plainField), { minLength: 1, maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.array(line(fc.oneof(plainField, trickyField)), { minLength: 1, maxLength: 12 }),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(fittingLine, fc.constant('')), { minLength: 1, maxLength: 6 }) },
);
const ending = fc.constantFrom('', '\n');
/** IGNOREHEADER n: the header lines may hold anything, even what the fast path would refuse in data. */
const header = fc.array(fc.oneof(fittingLine, line(plainField), line(trickyField), fc.constant('')), {
  maxLength: 2,
});

/** The typed table: a NOT NULL code sometimes, so a field made NULL (EMPTYASNULL, BLANKSASNULL) is rejected too. */
const typedColumns = (codeNotNull: boolean) =>
  `id int, code varchar(6)${codeNotNull ? ' not null' : ''}, price numeric(7,2), day date, at timestamp`;

const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Values of the subset the guard vouches for, for each typed column. */
const isoDate = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`);
const isoTimestamp = fc
  .tuple(
    isoDate,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.stringMatching(/^(\.\d{1,6})?$/),
  )
  .map(([date, h, mi, s, fraction]) => `${date} ${pad2(h)}:${pad2(mi)}:${pad2(s)}${fraction}`);
const fittingPrice = fc
  .tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.stringMatching(/^(\.\d{1,2})?$/))
  .map(([whole, fraction]) => `${whole}${fraction}`);
const fittingCode = fc.stringMatching(/^[A-Za-z0-9 -]{0,5}[A-Za-z0-9-]?$/);

/**
 * Each typed column's edge values: just outside the subset the guard vouches for, or read by only one of the two
 * (PostgreSQL alone takes 24:00:00, a leap second, `0x1F`, `1_000`; it rounds where Redshift truncates, …).
 */
const edgeValues: string[][] = [
  ['', ' ', ' 12 ', '+7', '-0', '007', '1_000', '0x1F', '\\N', '2147483648', 'x', '1.0'],
  [
    '',
    ' ',
    '   ',
    '\t',
    ' \t ',
    'ab ',
    'abcdef ',
    'abc    ',
    'abcdefg',
    '\\N',
    'é',
    'éééé',
    'a\\b',
    '\\',
    'a\r',
    'a\u0000b',
  ],
  [
    ...[
      '',
      ' ',
      ' 1.5 ',
      '1.005',
      '-1.999',
      '99999.99',
      '100000',
      '123456.1',
      '00012345.67',
      '-0.5',
      '+1.25',
    ],
    ...['.5', '5.', '1e3', 'NaN', 'Infinity', '1,5', '--1', '\\N', '0000000.00', '0.125', '-99999.999'],
  ],
  [
    ...[
      '',
      ' ',
      '2024-02-29',
      '2023-02-29',
      '2024-02-30',
      '2024-04-31',
      '0999-03-04',
      '0001-01-01',
      '0000-01-01',
    ],
    ...[
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
      '2024-1-2',
      '20240102',
      ' 2024-01-02',
      '2024-01-02 ',
      '\\N',
    ],
    ...['Jan 2 2024', '2024/01/02', '2024-01-02 03:04:05', '10000-01-01', '2024-01-02 BC', '02-01-2024'],
  ],
  [
    ...['', ' ', '2024-01-01 24:00:00', '2024-01-01 23:59:60', '2024-01-01 23:60:00', '2024-01-01T01:02:03'],
    ...['2024-01-01', '2024-01-01 01:02:03.1234567', '2024-01-01 01:02:03.', '2024-01-01 1:02:03', '\\N'],
    ...[
      '2024-02-30 01:02:03',
      '2024-01-01 01:02:03+02',
      '2024-01-01 01:02',
      'epoch',
      'now',
      '2024-01-01 00:00:00 ',
    ],
  ],
];
const edgeFields = edgeValues.map((values) => fc.constantFrom(...values));

/** In the subset (empty and blank fields included: the guard writes them as `\\N` where the checked path loads NULL). */
const fittingFields = [digits(-99_999, 99_999), fittingCode, fittingPrice, isoDate, isoTimestamp].map(
  (field) => fc.oneof({ weight: 8, arbitrary: field }, { weight: 1, arbitrary: fc.constantFrom('', ' ') }),
);
const fittingTypedLine = fc.tuple(...fittingFields).map((fields) => fields.join('|'));
/** A fitting line with one field at its edge: in a file of fitting lines, that value alone decides the path. */
const edgeLine = fc
  .integer({ min: 0, max: fittingFields.length - 1 })
  .chain((at) =>
    fc.tuple(...fittingFields.map((field, index) => (index === at ? edgeFields[index]! : field))),
  )
  .map((fields) => fields.join('|'));
/** A line the table does not fit: a field too few or too many, a trailing delimiter, a blank line. */
const misfitLine = fc.oneof(
  fittingTypedLine.map((line) => line.slice(0, line.lastIndexOf('|'))),
  fittingTypedLine.map((line) => `${line}|`),
  fittingTypedLine.map((line) => `${line}|1`),
  fc.constant(''),
);
const typedFile = fc
  .tuple(
    fc.array(fittingTypedLine, { minLength: 0, maxLength: 10 }),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(edgeLine, { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(edgeLine, misfitLine), { minLength: 1, maxLength: 3 }) },
    ),
    fc.nat(),
  )
  .map(([fitting, odd, at]) => {
    const lines = [...fitting];
    lines.splice(at % (lines.length + 1), 0, ...odd);
    return lines.length > 0 ? lines : [''];
  });
const typedOptions = fc.record({
  emptyAsNull: fc.boolean(),
  blanksAsNull: fc.boolean(),
  ignoreBlankLines: fc.boolean(),
  dateFormat: fc.constantFrom('auto', 'YYYY-MM-DD', 'yyyy-mm-dd'),
  timeFormat: fc.constantFrom('auto', 'YYYY-MM-DD HH:MI:SS'),
  maxError: fc.constantFrom(0, 100_000),
});

/** Fixed width: the typed table without its timestamp, one width per column; the date's width follows DATEFORMAT. */
const fixedColumns = (codeNotNull: boolean) =>
  `id int, code varchar(6)${codeNotNull ? ' not null' : ''}, price numeric(7,2), day date`;
const fixedDateFormats = ['YYYYMMDD', 'auto', 'YYYY-MM-DD'] as const;
const fixedWidthsFor = (dateFormat: string) => [6, 6, 9, dateFormat === 'YYYYMMDD' ? 8 : 10];
const compactDate = isoDate.map((date) => date.replaceAll('-', ''));
/** Values of the fixed-width subset, blank and `\N` fields among them. */
const fixedFittingFields = (dateFormat: string) =>
  [digits(-99_999, 99_999), fittingCode, fittingPrice, dateFormat === 'YYYYMMDD' ? compactDate : isoDate].map(
    (field) =>
      fc.oneof({ weight: 8, arbitrary: field }, { weight: 1, arbitrary: fc.constantFrom('', '\\N') }),
  );
/** Values outside the subset or where the two could part: spellings, escapes, tabs, a multi-byte character, … */
const fixedEdgeValues: string[][] = [
  ['1_000', '0x1F', '+7', '-0', 'x', '2147483648', 'é', 'a\tb', '\\', ' \\N '],
  ['é', 'ab\\c', 'a\tb', '   ', 'abcdefgh', ' \\N ', '\\Nx'],
  ['12.505', '1e3', '.5', '5.', '123456.1', '1,5', '-99999.999', 'NaN'],
  [
    ...['20240230', '2024-02-30', '20241301', '2024-1-2', 'Jan 2 2024', '00000101', '2024/01/02'],
    ...['20240102', '2024-01-02', ' 20240102', '2024-01-02 ', '240102'],
  ],
];
/** A value written into its width, padded on either side or cut, as a mainframe file would hold it. */
const fitTo = (value: string, width: number, left: boolean) =>
  (left ? value.padStart(width) : value.padEnd(width)).slice(0, width);
const fixedLine = (dateFormat: string, edgeAt: number | undefined) => {
  const widths = fixedWidthsFor(dateFormat);
  const fields = fixedFittingFields(dateFormat).map((field, index) =>
    index === edgeAt ? fc.constantFrom(...fixedEdgeValues[index]!) : field,
  );
  return fc
    .tuple(
      fc.tuple(...fields),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.constantFrom('', '', ' tail', 'x'),
    )
    .map(
      ([values, lefts, tail]) =>
        values.map((value, index) => fitTo(value, widths[index]!, lefts[index]!)).join('') + tail,
    );
};
const fixedFile = (dateFormat: string) =>
  fc
    .tuple(
      fc.array(fixedLine(dateFormat, undefined), { minLength: 0, maxLength: 10 }),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        {
          weight: 3,
          arbitrary: fc.array(
            fc.integer({ min: 0, max: 3 }).chain((at) => fixedLine(dateFormat, at)),
            { minLength: 1, maxLength: 2 },
          ),
        },
        // A line too short for the widths, cut in any of its fields, and a blank line.
        {
          weight: 1,
          arbitrary: fc.array(
            fc.oneof(
              fc
                .tuple(fixedLine(dateFormat, undefined), fc.integer({ min: 1, max: 28 }))
                .map(([line, length]) => line.slice(0, length)),
              fc.constant(''),
            ),
            { minLength: 1, maxLength: 2 },
          ),
        },
      ),
      fc.nat(),
    )
    .map(([fitting, odd, at]) => {
      const lines = [...fitting];
      lines.splice(at % (lines.length + 1), 0, ...odd);
      return lines.length > 0 ? lines : [''];
    });
const fixedOptions = fc.record({
  emptyAsNull: fc.boolean(),
  blanksAsNull: fc.boolean(),
  ignoreBlankLines: fc.boolean(),
  dateFormat: fc.constantFrom(...fixedDateFormats),
  maxError: fc.constantFrom(0, 100_000),
});

/** CSV: the fixed-width table's columns, comma-delimited, each field quoted or not. */
const csvValues = [
  digits(-99_999, 99_999),
  fc.stringMatching(/^[A-Za-z0-9 ,"-]{0,6}$/),
  fittingPrice,
  isoDate,
].map((field) =>
  fc.oneof({ weight: 8, arbitrary: field }, { weight: 1, arbitrary: fc.constantFrom('', '\\N', ' ') }),
);
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;
/** Fields written raw where the two could part: quotes around white space, text after a closing quote, a quoted `\N`,
 * a quote inside an unquoted field, a line feed inside quotes (a record over two lines), an open quote, … */
const csvEdgeFields = fc.constantFrom(
  '"\\N"',
  '""',
  ' "ab"',
  '"ab" ',
  '"ab"c',
  'a"b',
  '"a\nb"',
  '"ab',
  '"a\\b"',
  '"é"',
  '"1,5"',
  '" 12 "',
  '"2024-01-02"',
  '"ab""c"',
  'a\\b',
);
const csvLine = (edge: boolean) =>
  fc
    .tuple(
      fc.tuple(...csvValues),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      edge ? fc.tuple(fc.integer({ min: 0, max: 3 }), csvEdgeFields) : fc.constant(undefined),
    )
    .map(([values, quote, odd]) => {
      // A value holding a comma or a quote is quoted, as a CSV writer would: the odd fields are the edge values.
      const fields = values.map((value, at) => (quote[at] || /[,"]/.test(value) ? quoted(value) : value));
      if (odd) fields[odd[0]] = odd[1];
      return fields.join(',');
    });
const csvFile = fc
  .tuple(
    fc.array(csvLine(false), { minLength: 0, maxLength: 10 }),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(csvLine(true), { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('', '1,ab,2.5'), { minLength: 1, maxLength: 2 }) },
    ),
    fc.nat(),
  )
  .map(([fitting, odd, at]) => {
    const lines = [...fitting];
    lines.splice(at % (lines.length + 1), 0, ...odd);
    return lines.length > 0 ? lines : [''];
  });
const csvOptions = fc.record({
  emptyAsNull: fc.boolean(),
  blanksAsNull: fc.boolean(),
  ignoreBlankLines: fc.boolean(),
  maxError: fc.constantFrom(0, 100_000),
});

/** The checked path alone: the fast path's COPY is refused, so the stand-in falls back as on any refusal. */
function checkedOnly(session: WarehouseSession): WarehouseSession {
  return {
    query: (sql, params) => session.query(sql, params),
    copyRows: (target, rows) => {
      // The fast path's COPY reads PostgreSQL text; the checked path's sink writes CSV.
      if (target.format === 'text') {
        rows.destroy();
        return Promise.reject(new Error('fast path disabled'));
      }
      return session.copyRows(target, rows);
    },
  };
}

interface Loaded {
  outcome: { rowsLoaded?: number; failed?: boolean; errors: unknown[] };
  rows: unknown[][];
}

/** Loads `key` into a fresh `table (ddl)` under the COPY options given; past MAXERROR, the rejects are the outcome. */
function loader(connection: WarehouseConnection, store: LocalObjectStore) {
  return (
    table: string,
    ddl: string,
    key: string,
    options: Partial<CopyCommand>,
    wrap: (s: WarehouseSession) => WarehouseSession,
  ) =>
    connection.withSession(async (session): Promise<Loaded> => {
      await session.query(`drop table if exists ${table}`);
      await session.query(`create table ${table} (${ddl})`);
      await session.query('begin');
      const command = { ...defaultCopyCommand({ name: table }, `s3://${bucket}/${key}`), ...options };
      const context = { session: wrap(session), store, bucket, queryId: 1, startTime: '2024-01-01 00:00:00' };
      const withoutTable = (errors: LoadErrorRow[]) => errors.map(({ tableId: _table, ...error }) => error);
      let outcome: Loaded['outcome'];
      try {
        const { rowsLoaded, errors } = await runCopy(command, context);
        await session.query('commit');
        outcome = { rowsLoaded, errors: withoutTable(errors) };
      } catch (error) {
        await session.query('rollback');
        if (!(error instanceof LoadFailedError)) throw error;
        outcome = { failed: true, errors: withoutTable(error.errors) };
      }
      const { rows } = await session.query(`select * from ${table} order by ${table}::text`);
      return { outcome, rows };
    });
}

describe.each(warehouseTargets)('the stand-in COPY fast path against its checked path on $name', (target) => {
  it('loads the same rows and rejects the same lines with the same errors on any delimited file', async () => {
    const { connection, close } = await target.open();
    const root = await mkdtemp(join(tmpdir(), 'ferry-agree-'));
    const store = new LocalObjectStore({ root, bucket });
    const load = loader(connection, store);
    const { paths, stop } = recordCopyPaths();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(header, file, ending, async (headerLines, lines, end) => {
          const key = `run-${++run}/data.txt`;
          await store.put(key, Buffer.from([...headerLines, ...lines].join('\n') + end));
          const options = { maxError: 100_000, ignoreBlankLines: true, ignoreHeader: headerLines.length };
          const fast = await load('t_fast', columns, key, options, (s) => s);
          const checked = await load('t_checked', columns, key, options, checkedOnly);
          expect(fast).toEqual(checked);
        }),
        { numRuns: 100 },
      );
      // Not a property about refusals only: the fast path loaded some of the files itself.
      expect(paths.filter((path) => path === 'fast').length).toBeGreaterThan(5);
    } finally {
      stop();
      await close();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);

  it('agrees on numeric(7,2), date and timestamp columns under DATEFORMAT, TIMEFORMAT, EMPTYASNULL and BLANKSASNULL, values just outside the subset included', async () => {
    const { connection, close } = await target.open();
    const root = await mkdtemp(join(tmpdir(), 'ferry-agree-typed-'));
    const store = new LocalObjectStore({ root, bucket });
    const load = loader(connection, store);
    const { paths, stop } = recordCopyPaths();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          header,
          typedFile,
          ending,
          typedOptions,
          fc.boolean(),
          async (headerLines, lines, end, options, codeNotNull) => {
            const key = `typed-${++run}/data.txt`;
            await store.put(key, Buffer.from([...headerLines, ...lines].join('\n') + end));
            const ddl = typedColumns(codeNotNull);
            const all = { ...options, ignoreHeader: headerLines.length };
            const fast = await load('t_fast', ddl, key, all, (s) => s);
            const checked = await load('t_checked', ddl, key, all, checkedOnly);
            expect(fast).toEqual(checked);
          },
        ),
        { numRuns: 200 },
      );
      // The fast path took a good share of the files, so the property is about its outcomes, not only its refusals.
      expect(paths.filter((path) => path === 'fast').length).toBeGreaterThan(20);
      // And every edge value once, alone in a file of lines in the subset, with and without the NULL options.
      const fitting = ['1', 'ab', '1.50', '2024-01-02', '2024-01-02 03:04:05'];
      for (const [index, values] of edgeValues.entries()) {
        for (const value of values) {
          for (const nullOptions of [false, true]) {
            const key = `edge-${++run}/data.txt`;
            const edge = fitting.map((field, at) => (at === index ? value : field)).join('|');
            await store.put(key, Buffer.from(`${fitting.join('|')}\n${edge}\n`));
            const options = { emptyAsNull: nullOptions, blanksAsNull: nullOptions, maxError: 10 };
            const fast = await load('t_fast', typedColumns(false), key, options, (s) => s);
            const checked = await load('t_checked', typedColumns(false), key, options, checkedOnly);
            expect({ value, nullOptions, ...fast }).toEqual({ value, nullOptions, ...checked });
          }
        }
      }
    } finally {
      stop();
      await close();
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);

  it('agrees on fixed-width files (FIXEDWIDTH, padded and cut values, DATEFORMAT YYYYMMDD or ISO), values just outside the subset included', async () => {
    const { connection, close } = await target.open();
    const root = await mkdtemp(join(tmpdir(), 'ferry-agree-fixed-'));
    const store = new LocalObjectStore({ root, bucket });
    const load = loader(connection, store);
    const { paths, stop } = recordCopyPaths();
    let run = 0;
    const fixedCase = fixedOptions.chain((options) =>
      fc.record({
        options: fc.constant(options),
        lines: fixedFile(options.dateFormat),
        headerLines: fc.array(fixedLine(options.dateFormat, undefined), { maxLength: 2 }),
      }),
    );
    try {
      await fc.assert(
        fc.asyncProperty(
          fixedCase,
          ending,
          fc.boolean(),
          async ({ options, lines, headerLines }, end, codeNotNull) => {
            const key = `fixed-${++run}/data.dat`;
            await store.put(key, Buffer.from([...headerLines, ...lines].join('\n') + end));
            const all = {
              ...options,
              format: 'fixedwidth' as const,
              fixedWidths: fixedWidthsFor(options.dateFormat).map((width, at) => ({
                label: `c${at}`,
                width,
              })),
              ignoreHeader: headerLines.length,
            };
            const ddl = fixedColumns(codeNotNull);
            const fast = await load('t_fast', ddl, key, all, (s) => s);
            const checked = await load('t_checked', ddl, key, all, checkedOnly);
            expect(fast).toEqual(checked);
          },
        ),
        { numRuns: 200 },
      );
      // The fast path took a good share of the files, so the property is about its outcomes, not only its refusals.
      expect(paths.filter((path) => path === 'fast').length).toBeGreaterThan(20);
    } finally {
      stop();
      await close();
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);

  it('agrees on CSV files with a header (quoted and unquoted fields, doubled quotes, quoted delimiters), values just outside the subset included', async () => {
    const { connection, close } = await target.open();
    const root = await mkdtemp(join(tmpdir(), 'ferry-agree-csv-'));
    const store = new LocalObjectStore({ root, bucket });
    const load = loader(connection, store);
    const { paths, stop } = recordCopyPaths();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(csvLine(false), csvLine(true)), { maxLength: 2 }),
          csvFile,
          ending,
          csvOptions,
          fc.boolean(),
          async (headerLines, lines, end, options, codeNotNull) => {
            const key = `csv-${++run}/data.csv`;
            await store.put(key, Buffer.from([...headerLines, ...lines].join('\n') + end));
            const all = {
              ...options,
              format: 'csv' as const,
              delimiter: ',',
              ignoreHeader: headerLines.length,
            };
            const ddl = fixedColumns(codeNotNull);
            const fast = await load('t_fast', ddl, key, all, (s) => s);
            const checked = await load('t_checked', ddl, key, all, checkedOnly);
            expect(fast).toEqual(checked);
          },
        ),
        { numRuns: 200 },
      );
      // The fast path took a good share of the files, so the property is about its outcomes, not only its refusals.
      expect(paths.filter((path) => path === 'fast').length).toBeGreaterThan(20);
    } finally {
      stop();
      await close();
      await rm(root, { recursive: true, force: true });
    }
  }, 300_000);
});
