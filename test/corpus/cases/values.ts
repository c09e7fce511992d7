// Field values: column counts, lengths, dates with ACCEPTANYDATE off and on, invalid UTF-8, NUL, a 1 MB line.
import type { CaseExpectation, CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable, ruleSql, text } from './generate.js';
import { copyFailed } from './lines.js';

/** A COPY the warehouse refused: Redshift's generic error, the reason in sys_load_error_detail. */
function copyRefused(loadError: string | RegExp, table = flavorTable): CaseExpectation {
  return {
    state: 'FAILED',
    auditStatus: 'FAILED',
    error: copyFailed,
    loadError,
    rows: 0,
    archivedUnder: 'archive/error/',
    table,
  };
}

function loaded(rows: number, cid: number, table = flavorTable): CaseExpectation {
  return { state: 'LOADED', auditStatus: 'FINISHED', rows, archivedUnder: `archive/${cid}/`, table };
}

const good = flavorLines(2);
const megabyte = 'A'.repeat(1024 * 1024);
const badDate = `${good.join('')}3|F3|Flavor 3|Classic|2015-13-45|3.25|Y\n`;

export const valueCases: CorpusCase[] = [
  {
    name: 'a record with a column too few fails the whole file',
    file: {
      name: 'CORPUS_FEWCOLS_804.txt',
      bytes: text(`${good.join('')}3|F3|Flavor 3|Classic|2015-10-15|3.25\n`),
    },
    expect: copyRefused('1203: Delimiter not found: expected 7 fields, found 6'),
  },
  {
    name: 'a record with a column too many fails the whole file',
    file: {
      name: 'CORPUS_MANYCOLS_804.txt',
      bytes: text(`${good.join('')}3|F3|Flavor 3|Classic|2015-10-15|3.25|Y|extra\n`),
    },
    expect: copyRefused('1202: Extra column(s) found: expected 7 fields, found 8'),
  },
  {
    name: 'a value longer than its varchar column fails the whole file',
    file: {
      name: 'CORPUS_TOOLONG_804.txt',
      bytes: text(`${good.join('')}3|ABCDEFGHIJK|Flavor 3|Classic|2015-10-15|3.25|Y\n`),
    },
    expect: copyRefused('1204: String length exceeds DDL length (11 bytes > 10)'),
  },
  {
    name: 'an invalid date fails the whole file when accept_any_date is N (ACCEPTANYDATE off)',
    rule: ruleSql({ sid: 807, cid: 807, extra: { accept_any_date: 'N' } }),
    file: { name: 'CORPUS_BADDATE_807.txt', bytes: text(badDate) },
    expect: copyRefused("1205: Invalid Date Format - value '2015-13-45' does not match 'auto'"),
  },
  {
    name: 'an invalid date loads as NULL under the default ACCEPTANYDATE (the original always set it)',
    file: { name: 'CORPUS_ANYDATE_804.txt', bytes: text(badDate) },
    expect: loaded(3, 804),
    verify: {
      sql: "select flavor_id, effective_date from rdsftetl.dc_x_pa_flavor where file_name = 'CORPUS_ANYDATE_804.txt' order by 1",
      rows: [
        [1, '2015-10-15'],
        [2, '2015-10-15'],
        [3, null],
      ],
    },
  },
  {
    name: 'an invalid date loads as NULL when accept_any_date is Y',
    rule: ruleSql({ sid: 805, cid: 805, extra: { accept_any_date: 'Y' } }),
    file: { name: 'CORPUS_ANYDATE_805.txt', bytes: text(badDate) },
    expect: loaded(3, 805),
  },
  {
    name: 'invalid UTF-8 in a value loads with each bad byte replaced by ? (ACCEPTINVCHARS)',
    file: {
      name: 'CORPUS_BADUTF8_804.txt',
      bytes: Buffer.concat([
        text(`${good.join('')}3|F3|Flav`),
        Buffer.from([0xff, 0xfe]),
        text('r 3|Classic|2015-10-15|3.25|Y\n'),
      ]),
    },
    expect: loaded(3, 804),
    verify: {
      sql: "select flavor_name from rdsftetl.dc_x_pa_flavor where file_name = 'CORPUS_BADUTF8_804.txt' and flavor_id = 3",
      rows: [['Flav??r 3']],
    },
  },
  {
    // The rejected row's raw line holds the NUL: recording it must not fail the statement with PostgreSQL's own error.
    name: 'a NUL byte in a value fails the whole file with a 1220 load error',
    file: {
      name: 'CORPUS_NUL_804.txt',
      bytes: text(`${good.join('')}3|F3|Flav\0r 3|Classic|2015-10-15|3.25|Y\n`),
    },
    expect: copyRefused('1220: String contains invalid or unsupported UTF8 codepoints'),
  },
  {
    name: 'a 1 MB line without a newline where a trailer is expected fails with a short preview',
    file: { name: 'CORPUS_MEGATRL_527.txt', bytes: text(megabyte) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: "trailer characters 4-13 should be a record count, found 'AAAAAAAAAA'",
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a 1 MB single-line record fails as one too-long value',
    file: { name: 'CORPUS_MEGALINE_804.txt', bytes: text(`1|F1|${megabyte}|Classic|2015-10-15|1.25|Y`) },
    expect: copyRefused('1204: String length exceeds DDL length (1048576 bytes > 100)'),
  },
  {
    name: 'a fixed-width file loads its records',
    file: {
      name: 'CORPUS_FIXED_600.dat',
      bytes: text(
        `${'A000000001'}${'Alice Account'.padEnd(20)}20240101${'100.50'.padStart(12)}\n${'A000000002'}${'Bob Account'.padEnd(20)}20240102${'20.00'.padStart(12)}\n`,
      ),
    },
    expect: loaded(2, 600, 'rdsftetl.acct_master'),
  },
  {
    name: 'a fixed-width record shorter than its widths fails the whole file',
    file: {
      name: 'CORPUS_FIXEDSHORT_600.dat',
      bytes: text(
        `${'A000000003'}${'Carol Account'.padEnd(20)}20240101${'100.50'.padStart(12)}\nA000000004 short\n`,
      ),
    },
    expect: copyRefused('1203: Delimiter not found: expected 4 fields, found 2', 'rdsftetl.acct_master'),
  },
  {
    name: 'a trailer file whose records are valid but one has a bad price fails with no rows kept',
    file: {
      name: 'CORPUS_BADPRICE_527.txt',
      bytes: flavorFile([...good, '3|F3|Flavor 3|Classic|2015-10-15|abc|Y\n']),
    },
    expect: copyRefused("1209: Invalid digit, Value 'abc', Type: Decimal"),
  },
];
