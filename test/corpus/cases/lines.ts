// Line structure: final newline or not, CRLF, a BOM, blank lines, headers present, missing or unexpected.
import type { CaseExpectation, CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable, gzip, ruleSql, text } from './generate.js';

/** Rule 804: the flavor columns, no header, no trailer, no post-load SQL. */
export const plainFlavorRule = ruleSql({ sid: 804, cid: 804 });
/** Redshift's own text for any failed COPY; the reason is in sys_load_error_detail. */
/** Redshift's generic COPY failure, followed by the first rejected row Ferry reads from sys_load_error_detail. */
export const copyFailed =
  /^ERROR: Load into table 'ferry_stage' failed\. Check 'sys_load_error_detail' system table for details\. — first rejected row: line \d+, (column \w+, )?error \d{4}: /;
/** Rule 820: a CSV whose last column is text, no header, no trailer: a kept `\r` would be stored silently. */
const crlfCsvRule = ruleSql({
  sid: 820,
  cid: 820,
  fileFormat: 'csv',
  fileType: 'csv',
  delimiter: ',',
  columns: ['flavor_id', 'flavor_code', 'flavor_name'],
  extra: { csv_quote: '"' },
});
const hospTable = 'rdsftetl.hosp_rpt';
const hospHeader = 'hospital_id,hospital_name,report_date,beds,admissions\n';
const hospRows = ['1,"General, North",2014-01-31,100,20\n', '2,"St. Mary, East",2014-01-31,250,75\n'];

function loaded(
  rows: number,
  archivedUnder: string,
  table: string,
  state: CaseExpectation['state'] = 'LOADED',
) {
  const auditStatus = state === 'LOADED' ? 'FINISHED' : state;
  return { state, auditStatus, rows, archivedUnder, table } satisfies CaseExpectation;
}

export const lineCases: CorpusCase[] = [
  {
    name: 'a file whose last record has no final newline loads every record',
    rule: plainFlavorRule,
    file: { name: 'CORPUS_NOEOL_804.txt', bytes: text(flavorLines(3).join('').slice(0, -1)) },
    expect: loaded(3, 'archive/804/', flavorTable),
  },
  {
    name: 'the same records with a final newline load the same way',
    file: { name: 'CORPUS_EOL_804.txt', bytes: text(flavorLines(3).join('')) },
    expect: loaded(3, 'archive/804/', flavorTable),
  },
  {
    name: 'CRLF line endings load, trailer included',
    file: {
      name: 'CORPUS_CRLF_527.txt',
      bytes: text(flavorFile(flavorLines(3)).toString().replaceAll('\n', '\r\n')),
    },
    expect: loaded(3, 'archive/527/', flavorTable, 'TRANSFORMED'),
  },
  {
    name: 'CRLF line endings load without a trailer too: the CHAR(1) last column gets no \r',
    file: { name: 'CORPUS_CRLFPLAIN_804.txt', bytes: text(flavorLines(3).join('').replaceAll('\n', '\r\n')) },
    expect: loaded(3, 'archive/804/', flavorTable),
    verify: {
      sql: "select flavor_id, active_flag from rdsftetl.dc_x_pa_flavor where file_name = 'CORPUS_CRLFPLAIN_804.txt' order by 1",
      rows: [
        [1, 'Y'],
        [2, 'Y'],
        [3, 'Y'],
      ],
    },
  },
  {
    name: 'a CRLF CSV without a trailer stores its text last column without the \r',
    rule: crlfCsvRule,
    file: { name: 'CORPUS_CRLFCSV_820.csv', bytes: text('1,F1,"Vanilla, Bean"\r\n2,F2,Lemon\r\n') },
    expect: loaded(2, 'archive/820/', flavorTable),
    verify: {
      sql: "select flavor_id, flavor_name from rdsftetl.dc_x_pa_flavor where file_name = 'CORPUS_CRLFCSV_820.csv' order by 1",
      rows: [
        [1, 'Vanilla, Bean'],
        [2, 'Lemon'],
      ],
    },
  },
  {
    name: 'a UTF-8 byte order mark before the first record loads',
    file: {
      name: 'CORPUS_BOM_527.txt',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), flavorFile(flavorLines(3))]),
    },
    expect: loaded(3, 'archive/527/', flavorTable, 'TRANSFORMED'),
  },
  {
    name: 'blank lines between records are not records',
    file: {
      name: 'CORPUS_BLANKS_527.txt',
      bytes: text(`\n${flavorLines(2).join('\n')}\n${flavorLines(1, 3).join('')}\n${'TRL0000000003'}\n\n`),
    },
    expect: loaded(3, 'archive/527/', flavorTable, 'TRANSFORMED'),
  },
  {
    name: 'a gzip CSV with a header and quoted commas loads',
    file: { name: 'CORPUS_GOODGZ_558.csv.gz', bytes: gzip(hospHeader + hospRows.join('')) },
    expect: loaded(2, 'archive/558/', hospTable),
  },
  {
    name: 'a gzip CSV of only its header loads no rows',
    file: { name: 'CORPUS_ONLYHEADER_558.csv.gz', bytes: gzip(hospHeader) },
    expect: loaded(0, 'archive/558/', hospTable),
  },
  {
    name: 'a header line in a file whose rule says none is loaded as data and fails',
    file: {
      name: 'CORPUS_UNEXPECTEDHEADER_804.txt',
      bytes: text(
        `flavor_id|flavor_code|flavor_name|category|effective_date|price|active_flag\n${flavorLines(3).join('')}`,
      ),
    },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: copyFailed,
      loadError: "1207: Invalid digit, Value 'flavor_id', Type: Integer",
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a header line before records with a trailer counts as a record and fails the trailer',
    file: {
      name: 'CORPUS_HEADERTRL_527.txt',
      bytes: text(
        `flavor_id|flavor_code|flavor_name|category|effective_date|price|active_flag\n${flavorFile(flavorLines(3)).toString()}`,
      ),
    },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: 'trailer says 3 records, file has 4',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
];
