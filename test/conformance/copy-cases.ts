// COPY cases taken from AWS's Redshift documentation: each names its page and the outcome the page documents. The
// stand-in must reproduce every one, the same way on PGlite and on a PostgreSQL server. Tables live in a schema of
// their own per case ({s}); {src} is the case's folder in the stand-in's bucket.
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';

const EXAMPLES = 'https://docs.aws.amazon.com/redshift/latest/dg/r_COPY_command_examples.html';
const DEFAULTS = 'https://docs.aws.amazon.com/redshift/latest/dg/c_loading_default_values.html';
const CONVERSION = 'https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html';
const FORMAT = 'https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html';
const DATETIME_STRINGS =
  'https://docs.aws.amazon.com/redshift/latest/dg/r_DATEFORMAT_and_TIMEFORMAT_strings.html';
const AUTO = 'https://docs.aws.amazon.com/redshift/latest/dg/automatic-recognition.html';
const ERRORS = 'https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html';
const CHARACTER_TYPES = 'https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html';
const COMPRESSION = 'https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html';
const JSON_NOTES = 'https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html';
const COLUMNAR = 'https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html';

/** A Parquet file whose column names differ from the table's: columnar COPY maps by position, not by name. */
const VENUE_PARQUET = Buffer.from(
  parquetWriteBuffer({
    columnData: [
      { name: 'c1', data: [1, 2, 3], type: 'INT32' },
      { name: 'c2', data: ['Toyota Park', 'Columbus Crew Stadium', null], type: 'STRING' },
      { name: 'c3', data: [1.5, 2.25, 3], type: 'DOUBLE' },
    ],
    rowGroupSize: 2,
  }),
);
const ZSTD_PARQUET = Buffer.from(
  parquetWriteBuffer({
    columnData: [{ name: 'c1', data: [7, 8], type: 'INT32' }],
    codec: 'ZSTD',
    compressors: { ZSTD: (input) => zstdCompressSync(input) },
  }),
);

/** What the page says happens: rows (read back with `select`) or a failed statement. */
export type Documented =
  | { loads: unknown[][]; select: string; rejected?: [line: number, column: string, code: number][] }
  | { fails: true; rejected?: [line: number, column: string, code: number][] };

export interface DocCase {
  name: string;
  page: string;
  ddl: string[];
  files: Record<string, string | Buffer>;
  copy: string;
  documented: Documented;
}

const VENUE_NEW = `create table {s}.venue_new(venueid smallint not null, venuename varchar(100) not null,
  venuecity varchar(30), venuestate char(2), venueseats integer not null default '1000')`;
const VENUE_IDENTITY = `create table {s}.venue_identity(venueid int identity(1,1), venuename varchar(100) not null,
  venuecity varchar(30), venuestate char(2), venueseats integer not null default '1000')`;
const CATEGORY = `create table {s}.category(catid smallint not null, catgroup varchar(10), catname varchar(10),
  catdesc varchar(50))`;

const NOSEATS = [
  [1, 'Toyota Park', 'Bridgeview', 'IL'],
  [2, 'Columbus Crew Stadium', 'Columbus', 'OH'],
  [3, 'RFK Stadium', 'Washington', 'DC'],
  [4, 'CommunityAmerica Ballpark', 'Kansas City', 'KS'],
  [5, 'Gillette Stadium', 'Foxborough', 'MA'],
  [6, 'New York Giants Stadium', 'East Rutherford', 'NJ'],
  [7, 'BMO Field', 'Toronto', 'ON'],
  [8, 'The Home Depot Center', 'Carson', 'CA'],
  [9, "Dick's Sporting Goods Park", 'Commerce City', 'CO'],
  [10, 'Pizza Hut Park', 'Frisco', 'TX'],
] as const;

const VENUE_PIPE = NOSEATS.slice(0, 3)
  .map((r) => `${r.join('|')}|\n`)
  .join('');

const CATEGORY_ROWS = [
  [12, 'Shows', 'Musicals', 'Musical theatre'],
  [13, 'Shows', 'Plays', 'All "non-musical" theatre'],
  [14, 'Shows', 'Opera', 'All opera, light, and "rock" opera'],
  [15, 'Concerts', 'Classical', 'All symphony, concerto, and choir concerts'],
];

const JSON_CATEGORY = (key: (name: string) => string) => `{
    "${key('catdesc')}": "Major League Baseball",
    "${key('catid')}": 1,
    "${key('catgroup')}": "Sports",
    "${key('catname')}": "MLB"
}
{
    "${key('catgroup')}": "Sports",
    "${key('catid')}": 2,
    "${key('catname')}": "NHL",
    "${key('catdesc')}": "National Hockey League"
}{
    "${key('catid')}": 3,
    "${key('catname')}": "NFL",
    "${key('catgroup')}": "Sports",
    "${key('catdesc')}": "National Football League"
}
{
    "bogus": "Bogus Sports LLC",
    "${key('catid')}": 4,
    "${key('catgroup')}": "Sports",
    "${key('catname')}": "NBA",
    "${key('catdesc')}": "National Basketball Association"
}
{
    "${key('catid')}": 5,
    "${key('catgroup')}": "Shows",
    "${key('catname')}": "Musicals",
    "${key('catdesc')}": "All symphony, concerto, and choir concerts"
}
`;
const JSON_CATEGORY_ROWS = [
  [1, 'Sports', 'MLB', 'Major League Baseball'],
  [2, 'Sports', 'NHL', 'National Hockey League'],
  [3, 'Sports', 'NFL', 'National Football League'],
  [4, 'Sports', 'NBA', 'National Basketball Association'],
  [5, 'Shows', 'Musicals', 'All symphony, concerto, and choir concerts'],
];
const CATEGORY_SELECT = 'select catid, catgroup, catname, catdesc from {s}.category order by 1';

export const docCases: DocCase[] = [
  {
    name: 'a trailing delimiter and a column list: omitted columns take their DEFAULT (venue_noseats)',
    page: EXAMPLES,
    ddl: [VENUE_NEW],
    files: { 'venue_noseats.txt': NOSEATS.map((r) => `${r.join('|')}|\n`).join('') },
    copy: `copy {s}.venue_new(venueid, venuename, venuecity, venuestate) from '{src}venue_noseats.txt'
      iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' delimiter '|'`,
    documented: {
      loads: NOSEATS.map((r) => [...r, 1000]),
      select: 'select venueid, venuename, venuecity, venuestate, venueseats from {s}.venue_new order by 1',
    },
  },
  {
    name: 'a column list that leaves a NOT NULL column without DEFAULT unfilled fails (venue_pipe)',
    page: EXAMPLES,
    ddl: [VENUE_NEW],
    files: { 'venue_pipe.txt': '1||Bridgeview|IL|\n2||Columbus|OH|\n3||Washington|DC|\n' },
    copy: `copy {s}.venue_new(venueid, venuecity, venuestate) from '{src}venue_pipe.txt'
      iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' delimiter '|'`,
    documented: { fails: true },
  },
  {
    name: 'EXPLICIT_IDS loads the file’s values into an IDENTITY column named in the column list (venue_identity)',
    page: EXAMPLES,
    ddl: [VENUE_IDENTITY],
    files: { 'venue_pipe.txt': VENUE_PIPE },
    copy: `copy {s}.venue_identity(venueid, venuename, venuecity, venuestate) from '{src}venue_pipe.txt'
      iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' delimiter '|' explicit_ids`,
    documented: {
      loads: NOSEATS.slice(0, 3).map((r) => [...r, 1000]),
      select:
        'select venueid, venuename, venuecity, venuestate, venueseats from {s}.venue_identity order by 1',
    },
  },
  {
    name: 'EXPLICIT_IDS without the IDENTITY column in the column list fails',
    page: `${EXAMPLES} and ${DEFAULTS}`,
    ddl: [VENUE_IDENTITY],
    files: { 'venue_pipe.txt': VENUE_PIPE },
    copy: `copy {s}.venue_identity(venuename, venuecity, venuestate) from '{src}venue_pipe.txt'
      delimiter '|' explicit_ids`,
    documented: { fails: true },
  },
  {
    name: 'an IDENTITY column in the column list without EXPLICIT_IDS fails',
    page: `${EXAMPLES} and ${DEFAULTS}`,
    ddl: [VENUE_IDENTITY],
    files: { 'venue_pipe.txt': VENUE_PIPE },
    copy: `copy {s}.venue_identity(venueid, venuename, venuecity, venuestate) from '{src}venue_pipe.txt'
      delimiter '|'`,
    documented: { fails: true },
  },
  {
    name: 'a column omitted from the column list without DEFAULT loads NULL',
    page: DEFAULTS,
    ddl: ['create table {s}.t(id int, note varchar(10))'],
    files: { 'ids.txt': '1\n2\n' },
    copy: `copy {s}.t(id) from '{src}ids.txt'`,
    documented: {
      loads: [
        [1, null],
        [2, null],
      ],
      select: 'select id, note from {s}.t order by 1',
    },
  },
  {
    name: 'ESCAPE loads escaped delimiters (redshiftinfo)',
    page: EXAMPLES,
    ddl: ['create table {s}.redshiftinfo(infoid int, tableinfo varchar(50))'],
    files: { 'redshiftinfo.txt': '1|public\\|event\\|dwuser\n2|public\\|sales\\|dwuser\n' },
    copy: `copy {s}.redshiftinfo from '{src}redshiftinfo.txt' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'
      delimiter '|' escape`,
    documented: {
      loads: [
        [1, 'public|event|dwuser'],
        [2, 'public|sales|dwuser'],
      ],
      select: 'select infoid, tableinfo from {s}.redshiftinfo order by 1',
    },
  },
  {
    name: 'without ESCAPE the same file fails with Extra column(s) found (1202)',
    page: `${EXAMPLES} and ${ERRORS}`,
    ddl: ['create table {s}.redshiftinfo(infoid int, tableinfo varchar(50))'],
    files: { 'redshiftinfo.txt': '1|public\\|event\\|dwuser\n' },
    copy: `copy {s}.redshiftinfo from '{src}redshiftinfo.txt' delimiter '|'`,
    documented: { fails: true, rejected: [[1, '', 1202]] },
  },
  {
    name: 'ESCAPE examples: an escaped line feed, backslashes, delimiters and, with REMOVEQUOTES, a quote',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(60))'],
    files: {
      'escape.txt':
        "1|The quick brown fox\\\njumped over the lazy dog.\n2|A\\\\B\\\\C\n3|A \\| B \\| C\n4|'A Midsummer Night\\'s Dream'\n",
    },
    copy: `copy {s}.t from '{src}escape.txt' delimiter '|' escape removequotes`,
    documented: {
      loads: [
        [1, 'The quick brown fox\njumped over the lazy dog.'],
        [2, 'A\\B\\C'],
        [3, 'A | B | C'],
        [4, "A Midsummer Night's Dream"],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'JSON auto: objects spread over several lines, side by side, unknown keys ignored (category_object_auto)',
    page: EXAMPLES,
    ddl: [CATEGORY],
    files: { 'category_object_auto.json': JSON_CATEGORY((k) => k) },
    copy: `copy {s}.category from '{src}category_object_auto.json' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'
      json 'auto'`,
    documented: { loads: JSON_CATEGORY_ROWS, select: CATEGORY_SELECT },
  },
  {
    name: "JSON 'auto ignorecase' matches keys in any case (category_object_auto-ignorecase)",
    page: EXAMPLES,
    ddl: [CATEGORY],
    files: {
      'category_object_auto-ignorecase.json': JSON_CATEGORY((k) =>
        k === 'catid' ? 'CatID' : `Cat${k.slice(3, 4).toUpperCase()}${k.slice(4)}`,
      ),
    },
    copy: `copy {s}.category from '{src}category_object_auto-ignorecase.json' json 'auto ignorecase'`,
    documented: { loads: JSON_CATEGORY_ROWS, select: CATEGORY_SELECT },
  },
  {
    name: 'CSV with quoted commas and doubled quotation marks (category_csv)',
    page: EXAMPLES,
    ddl: [CATEGORY],
    files: {
      'category_csv.txt':
        '12,Shows,Musicals,Musical theatre\n13,Shows,Plays,"All ""non-musical"" theatre"\n' +
        '14,Shows,Opera,"All opera, light, and ""rock"" opera"\n15,Concerts,Classical,"All symphony, concerto, and choir concerts"\n',
    },
    copy: `copy {s}.category from '{src}category_csv.txt' csv`,
    documented: { loads: CATEGORY_ROWS, select: CATEGORY_SELECT },
  },
  {
    name: "CSV QUOTE AS '%'",
    page: EXAMPLES,
    ddl: [CATEGORY],
    files: {
      'category_csv.txt':
        '12,Shows,Musicals,Musical theatre\n13,Shows,Plays,%All "non-musical" theatre%\n' +
        '14,Shows,Opera,%All opera, light, and "rock" opera%\n15,Concerts,Classical,%All symphony, concerto, and choir concerts%\n',
    },
    copy: `copy {s}.category from '{src}category_csv.txt' csv quote as '%'`,
    documented: { loads: CATEGORY_ROWS, select: CATEGORY_SELECT },
  },
  {
    name: 'CSV: white space between the delimiters and a quoted field is ignored',
    page: FORMAT,
    ddl: ['create table {s}.t(id int, s varchar(20), u varchar(20))'],
    files: { 'spaces.csv': '1,  "a, b"  , "c"\n' },
    copy: `copy {s}.t from '{src}spaces.csv' csv`,
    documented: { loads: [[1, 'a, b', 'c']], select: 'select id, s, u from {s}.t' },
  },
  {
    name: 'fixed-width VENUE (venue_fw)',
    page: EXAMPLES,
    ddl: [
      `create table {s}.venue(venueid smallint not null, venuename varchar(100) not null, venuecity varchar(30),
        venuestate char(2), venueseats integer)`,
    ],
    files: {
      'venue_fw.txt':
        '1  Toyota Park              Bridgeview  IL0\n4  CommunityAmerica BallparkKansas City KS0\n5  Gillette Stadium         Foxborough  MA68756\n',
    },
    copy: `copy {s}.venue from '{src}venue_fw.txt' fixedwidth 'venueid:3,venuename:25,venuecity:12,venuestate:2,venueseats:6'`,
    documented: {
      loads: [
        [1, 'Toyota Park', 'Bridgeview', 'IL', 0],
        [4, 'CommunityAmerica Ballpark', 'Kansas City', 'KS', 0],
        [5, 'Gillette Stadium', 'Foxborough', 'MA', 68756],
      ],
      select:
        'select venueid, trim(venuename), trim(venuecity), venuestate, venueseats from {s}.venue order by 1',
    },
  },
  {
    name: "TIMEFORMAT 'YYYY-MM-DD HH:MI:SS' keeps fractional seconds (timestamp1)",
    page: EXAMPLES,
    ddl: ['create table {s}.timestamp1(c1 timestamp)'],
    files: { 'time.txt': '2009-01-12 14:15:57.119568\n' },
    copy: `copy {s}.timestamp1 from '{src}time.txt' timeformat 'YYYY-MM-DD HH:MI:SS'`,
    documented: { loads: [['2009-01-12 14:15:57.119568']], select: 'select c1::text from {s}.timestamp1' },
  },
  {
    name: 'DATEFORMAT/TIMEFORMAT strings: MON (abbreviated or full), MM/DD/YYYY, MM.DD.YYYY HH:MI:SS[.ffffff]',
    page: DATETIME_STRINGS,
    ddl: ['create table {s}.t(id int, d date, ts timestamp)'],
    files: {
      'a.txt': '1|Jan-01-1999|03.31.2003 18:45:05\n',
      'b.txt': '2|March 31, 2003|03.31.2003 18:45:05.123456\n',
    },
    copy: `copy {s}.t from '{src}' dateformat 'auto' timeformat 'MM.DD.YYYY HH:MI:SS'`,
    documented: {
      loads: [
        [1, '1999-01-01', '2003-03-31 18:45:05'],
        [2, '2003-03-31', '2003-03-31 18:45:05.123456'],
      ],
      select: 'select id, d::text, ts::text from {s}.t order by 1',
    },
  },
  {
    name: "DATEFORMAT 'MON-DD-YYYY' reads Jan-01-1999 and a full month name",
    page: DATETIME_STRINGS,
    ddl: ['create table {s}.t(id int, d date)'],
    files: { 'mon.txt': '1|Jan-01-1999\n2|March-31-2003\n' },
    copy: `copy {s}.t from '{src}mon.txt' dateformat 'MON-DD-YYYY'`,
    documented: {
      loads: [
        [1, '1999-01-01'],
        [2, '2003-03-31'],
      ],
      select: 'select id, d::text from {s}.t order by 1',
    },
  },
  {
    name: "DATEFORMAT 'auto' recognises every listed format, also under ACCEPTANYDATE (never NULL)",
    page: AUTO,
    ddl: ['create table {s}.t(id int, v varchar(40), d date)'],
    files: {
      'auto.txt': [
        '2019-02-11T05:09:12.195Z',
        'J2451187',
        '19960108 040809',
        '960108 040809',
        '1996.008',
        '1996-01-08 04:05:06.789',
        '17 Dec 07:37:16 1997 PST',
        '12/17/1997 07:37:16.00 PST',
        '1997-12-17 07:37:16-08',
        '12.17.1997 07:37:16.00 PST',
        'J2345678 04:05:06.789',
      ]
        .map((v, i) => `${i + 1}|${v}|${v}\n`)
        .join(''),
    },
    copy: `copy {s}.t from '{src}auto.txt' dateformat 'auto' acceptanydate`,
    documented: {
      loads: [
        [1, '2019-02-11'],
        [2, '1999-01-08'],
        [3, '1996-01-08'],
        [4, '1996-01-08'],
        [5, '1996-01-08'],
        [6, '1996-01-08'],
        [7, '1997-12-17'],
        [8, '1997-12-17'],
        [9, '1997-12-17'],
        [10, '1997-12-17'],
        [11, '1710-02-23'],
      ],
      select: 'select id, d::text from {s}.t order by 1',
    },
  },
  {
    name: "DATEFORMAT 'auto' recognises the BC format (Jan-08-95 BC)",
    page: AUTO,
    ddl: ['create table {s}.t(d date)'],
    files: { 'bc.txt': 'Jan-08-95 BC\n' },
    copy: `copy {s}.t from '{src}bc.txt' dateformat 'auto'`,
    documented: { loads: [['01-08 BC']], select: "select to_char(d, 'MM-DD BC') from {s}.t" },
  },
  {
    name: "TIMEFORMAT 'auto' recognises compact and ISO 8601 date-times",
    page: AUTO,
    ddl: ['create table {s}.t(id int, ts timestamp)'],
    files: {
      'ts.txt': '1|19960108 040809\n2|960108 040809\n3|2019-02-11T05:09:12.195Z\n4|1996-01-08 04:05:06.789\n',
    },
    copy: `copy {s}.t from '{src}ts.txt' timeformat 'auto'`,
    documented: {
      loads: [
        [1, '1996-01-08 04:08:09'],
        [2, '1996-01-08 04:08:09'],
        [3, '2019-02-11 05:09:12.195'],
        [4, '1996-01-08 04:05:06.789'],
      ],
      select: 'select id, ts::text from {s}.t order by 1',
    },
  },
  {
    name: 'ACCEPTANYDATE loads an invalid date such as 00/00/00 00:00:00 as NULL',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, d date, ts timestamp)'],
    files: { 'any.txt': '1|00/00/00 00:00:00|00/00/00 00:00:00\n' },
    copy: `copy {s}.t from '{src}any.txt' dateformat 'auto' acceptanydate`,
    documented: { loads: [[1, null, null]], select: 'select id, d, ts from {s}.t' },
  },
  {
    name: 'DECIMAL scale is truncated: 20.259 into DECIMAL(8,2) loads 20.25',
    page: CONVERSION,
    ddl: ['create table {s}.t(n decimal(8,2))'],
    files: { 'n.txt': '20.259\n' },
    copy: `copy {s}.t from '{src}n.txt'`,
    documented: { loads: [['20.25']], select: 'select n::text from {s}.t' },
  },
  {
    name: 'ROUNDEC rounds: 20.259 into DECIMAL(8,2) loads 20.26',
    page: CONVERSION,
    ddl: ['create table {s}.t(n decimal(8,2))'],
    files: { 'n.txt': '20.259\n' },
    copy: `copy {s}.t from '{src}n.txt' roundec`,
    documented: { loads: [['20.26']], select: 'select n::text from {s}.t' },
  },
  {
    name: 'empty and blank fields of INT, DECIMAL, FLOAT, BOOLEAN and DATE columns always load as NULL',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, i int, n decimal(8,2), f float8, b boolean, d date, s varchar(5))'],
    files: { 'blank.txt': '1|   |  | \t|  |   |   \n2||||||\n' },
    copy: `copy {s}.t from '{src}blank.txt'`,
    documented: {
      loads: [
        [1, null, null, null, null, null, '   '],
        [2, null, null, null, null, null, ''],
      ],
      select: 'select id, i, n, f, b, d, s from {s}.t order by 1',
    },
  },
  {
    name: 'BLANKSASNULL and EMPTYASNULL load blank and empty CHAR/VARCHAR fields as NULL',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(5), c char(3))'],
    files: { 'blank.txt': '1|   |  \n2||\n' },
    copy: `copy {s}.t from '{src}blank.txt' blanksasnull emptyasnull`,
    documented: {
      loads: [
        [1, null, null],
        [2, null, null],
      ],
      select: 'select id, s, c from {s}.t order by 1',
    },
  },
  {
    name: 'REMOVEQUOTES removes surrounding single and double quotation marks and keeps delimiters inside them',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(40))'],
    files: { 'q.txt': '1|\'Black\'\n2|"White"\n3|"The delimiter is a pipe (|) character"\n4|Blue\'\n' },
    copy: `copy {s}.t from '{src}q.txt' removequotes`,
    documented: {
      loads: [
        [1, 'Black'],
        [2, 'White'],
        [3, 'The delimiter is a pipe (|) character'],
        [4, "Blue'"],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'REMOVEQUOTES: an opening quotation mark without a closing one fails the row',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(40))'],
    files: { 'q.txt': "1|'Blue\n" },
    copy: `copy {s}.t from '{src}q.txt' removequotes`,
    documented: { fails: true },
  },
  {
    name: 'FILLRECORD fills missing trailing columns: NULL for INT, empty VARCHAR, NULL VARCHAR with EMPTYASNULL',
    page: CONVERSION,
    ddl: ['create table {s}.t(a varchar(10), b varchar(10), c varchar(10), n int)'],
    files: { 'f.txt': 'apple|orange\n' },
    copy: `copy {s}.t from '{src}f.txt' fillrecord`,
    documented: { loads: [['apple', 'orange', '', null]], select: 'select a, b, c, n from {s}.t' },
  },
  {
    name: 'IGNOREHEADER skips the header, IGNOREBLANKLINES skips lines holding only a line feed, \\N is NULL',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(5))'],
    files: { 'h.txt': 'id|s\n1|a\n\n2|\\N\n' },
    copy: `copy {s}.t from '{src}h.txt' ignoreheader 1 ignoreblanklines`,
    documented: {
      loads: [
        [1, 'a'],
        [2, null],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'VARCHAR length is in bytes: five two-byte characters fit VARCHAR(10), not VARCHAR(5)',
    page: `${CHARACTER_TYPES} and ${ERRORS}`,
    ddl: ['create table {s}.t(id int, wide varchar(10), narrow varchar(5))'],
    files: { 'bytes.txt': '1|ééééé|abcde\n2|ééééé|ééééé\n' },
    copy: `copy {s}.t from '{src}bytes.txt' maxerror 10`,
    documented: {
      loads: [[1, 'ééééé', 'abcde']],
      select: 'select id, wide, narrow from {s}.t order by 1',
      rejected: [[2, 'narrow', 1204]],
    },
  },
  {
    name: 'TRUNCATECOLUMNS cuts VARCHAR data to the column width in bytes',
    page: CONVERSION,
    ddl: ['create table {s}.t(s varchar(5))'],
    files: { 't.txt': 'abcdefgh\n' },
    copy: `copy {s}.t from '{src}t.txt' truncatecolumns`,
    documented: { loads: [['abcde']], select: 'select s from {s}.t' },
  },
  {
    name: 'an INTEGER field holds digits 0-9 only: 1_000 and 0x1F are rejected (1207)',
    page: ERRORS,
    ddl: ['create table {s}.t(id int, i int)'],
    files: { 'digits.txt': '1|1_000\n2|0x1F\n3|7\n' },
    copy: `copy {s}.t from '{src}digits.txt' maxerror 10`,
    documented: {
      loads: [[3, 7]],
      select: 'select id, i from {s}.t order by 1',
      rejected: [
        [1, 'i', 1207],
        [2, 'i', 1207],
      ],
    },
  },
  {
    name: 'load error codes: columns, digits, overflow, float, decimal, boolean, NOT NULL, dates, UTF-8',
    page: ERRORS,
    ddl: [
      `create table {s}.t(id int not null, i smallint, n decimal(4,2), f float8, b boolean, d date, ts timestamp,
        s varchar(3))`,
    ],
    files: {
      'errors.txt': Buffer.concat([
        Buffer.from(
          [
            '1|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '2|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc|extra',
            '3|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00',
            '4|1x|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '5|40000|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '6|1|123.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '7|1|1.5|1.5.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '8|1|1.2.3|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '9|1|1.5|1.5|maybe|2020-01-01|2020-01-01 00:00:00|abc',
            '|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abc',
            '11|1|1.5|1.5|true|2020-02-30|2020-01-01 00:00:00|abc',
            '12|1|1.5|1.5|true|2020-01-01|2020-01-01 25:00:00|abc',
            '13|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|abcd',
          ].join('\n'),
        ),
        Buffer.from('\n14|1|1.5|1.5|true|2020-01-01|2020-01-01 00:00:00|a'),
        Buffer.from([0xff]),
        Buffer.from('\n'),
      ]),
    },
    copy: `copy {s}.t from '{src}errors.txt' maxerror 100`,
    documented: {
      loads: [[1]],
      select: 'select id from {s}.t order by 1',
      rejected: [
        [2, '', 1202],
        [3, 's', 1203],
        [4, 'i', 1207],
        [5, 'i', 1222],
        [6, 'n', 1204],
        [7, 'f', 1208],
        [8, 'n', 1209],
        [9, 'b', 1210],
        [10, 'id', 1213],
        [11, 'd', 1205],
        [12, 'ts', 1206],
        [13, 's', 1204],
        [14, '', 1220],
      ],
    },
  },
  {
    name: 'IGNOREHEADER 3 skips the first three lines',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(5))'],
    files: { 'h.txt': 'report\ncreated 2024-01-01\nid|s\n1|a\n2|b\n' },
    copy: `copy {s}.t from '{src}h.txt' ignoreheader as 3`,
    documented: {
      loads: [
        [1, 'a'],
        [2, 'b'],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'TRIMBLANKS removes trailing white space from VARCHAR values, not leading',
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(10))'],
    files: { 't.txt': '1|  ab   \n2|cd \n' },
    copy: `copy {s}.t from '{src}t.txt' trimblanks`,
    documented: {
      loads: [
        [1, '  ab'],
        [2, 'cd'],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: "ACCEPTINVCHARS AS '^' replaces each invalid UTF-8 byte with '^'",
    page: CONVERSION,
    ddl: ['create table {s}.t(id int, s varchar(10))'],
    files: { 'i.txt': Buffer.concat([Buffer.from('1|a'), Buffer.from([0xff]), Buffer.from('b\n')]) },
    copy: `copy {s}.t from '{src}i.txt' acceptinvchars as '^'`,
    documented: { loads: [[1, 'a^b']], select: 'select id, s from {s}.t order by 1' },
  },
  {
    name: 'without ACCEPTINVCHARS an invalid UTF-8 character rejects the row (1220)',
    page: `${CONVERSION} and ${ERRORS}`,
    ddl: ['create table {s}.t(id int, s varchar(10))'],
    files: { 'i.txt': Buffer.concat([Buffer.from('1|ok\n2|a'), Buffer.from([0xff]), Buffer.from('b\n')]) },
    copy: `copy {s}.t from '{src}i.txt' maxerror 5`,
    documented: {
      loads: [[1, 'ok']],
      select: 'select id, s from {s}.t order by 1',
      rejected: [[2, '', 1220]],
    },
  },
  {
    name: 'ZSTD reads a Zstandard-compressed file',
    page: COMPRESSION,
    ddl: ['create table {s}.t(id int, s varchar(5))'],
    files: { 't.txt.zst': zstdCompressSync(Buffer.from('1|a\n2|b\n')) },
    copy: `copy {s}.t from '{src}t.txt.zst' zstd`,
    documented: {
      loads: [
        [1, 'a'],
        [2, 'b'],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'GZIP with FIXEDWIDTH reads a gzipped fixed-width file',
    page: `${COMPRESSION} and ${FORMAT}`,
    ddl: ['create table {s}.t(id int, s varchar(5))'],
    files: { 't.dat.gz': gzipSync(Buffer.from('  1abc  \n  2de   \n')) },
    copy: `copy {s}.t from '{src}t.dat.gz' fixedwidth 'id:3,s:5' gzip`,
    documented: {
      loads: [
        [1, 'abc  '],
        [2, 'de   '],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: "GZIP with JSON 'auto' reads a gzipped JSON file",
    page: `${COMPRESSION} and ${JSON_NOTES}`,
    ddl: ['create table {s}.t(id int, s varchar(5))'],
    files: { 't.json.gz': gzipSync(Buffer.from('{"id": 1, "s": "a"}\n{"s": "b", "id": 2}\n')) },
    copy: `copy {s}.t from '{src}t.json.gz' json 'auto' gzip`,
    documented: {
      loads: [
        [1, 'a'],
        [2, 'b'],
      ],
      select: 'select id, s from {s}.t order by 1',
    },
  },
  {
    name: 'a JSONPaths file maps elements to columns in order, by bracket or dot notation, nested or missing (NULL)',
    page: JSON_NOTES,
    ddl: ['create table {s}.t(id int, title varchar(60), city varchar(20))'],
    files: {
      'paths.json': '{"jsonpaths": ["$[\'id\']", "$.title", "$[\'address\'][\'city\']"]}',
      'books.json':
        '{"id": 1006410, "title": "Amazon Redshift Database Developer Guide", "address": {"city": "Seattle"}}\n' +
        '{"title": "Amazon Simple Storage Service User Guide", "id": 100540}\n',
    },
    copy: `copy {s}.t from '{src}books.json' json '{src}paths.json'`,
    documented: {
      loads: [
        [100540, 'Amazon Simple Storage Service User Guide', null],
        [1006410, 'Amazon Redshift Database Developer Guide', 'Seattle'],
      ],
      select: 'select id, title, city from {s}.t order by 1',
    },
  },
  {
    name: 'a JSONPaths file reads JSON arrays by index ($[0], $[1])',
    page: JSON_NOTES,
    ddl: ['create table {s}.t(id int, title varchar(60))'],
    files: {
      'paths.json': '{"jsonpaths": ["$[0]", "$[1]"]}',
      'books.json':
        '[\n    1006410,\n    "Amazon Redshift Database Developer Guide"\n]\n' +
        '[\n    100540,\n    "Amazon Simple Storage Service User Guide"\n]\n',
    },
    copy: `copy {s}.t from '{src}books.json' json '{src}paths.json'`,
    documented: {
      loads: [
        [100540, 'Amazon Simple Storage Service User Guide'],
        [1006410, 'Amazon Redshift Database Developer Guide'],
      ],
      select: 'select id, title from {s}.t order by 1',
    },
  },
  {
    name: 'a JSONPaths file with fewer expressions than columns fails the COPY',
    page: JSON_NOTES,
    ddl: ['create table {s}.t(id int, title varchar(60))'],
    files: { 'paths.json': '{"jsonpaths": ["$.id"]}', 'books.json': '{"id": 1, "title": "x"}\n' },
    copy: `copy {s}.t from '{src}books.json' json '{src}paths.json'`,
    documented: { fails: true },
  },
  {
    name: 'PARQUET loads each file column into the table column at the same position, over several row groups',
    page: COLUMNAR,
    ddl: ['create table {s}.t(venueid int, venuename varchar(40), score float8)'],
    files: { 'venue.parquet': VENUE_PARQUET },
    copy: `copy {s}.t from '{src}venue.parquet' iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole' format as parquet`,
    documented: {
      loads: [
        [1, 'Toyota Park', 1.5],
        [2, 'Columbus Crew Stadium', 2.25],
        [3, null, 3],
      ],
      select: 'select venueid, venuename, score from {s}.t order by 1',
    },
  },
  {
    name: 'PARQUET with fewer table columns than file columns fails the COPY',
    page: COLUMNAR,
    ddl: ['create table {s}.t(venueid int, venuename varchar(40))'],
    files: { 'venue.parquet': VENUE_PARQUET },
    copy: `copy {s}.t from '{src}venue.parquet' format as parquet`,
    documented: { fails: true },
  },
  {
    name: 'PARQUET pages compressed with ZSTD load',
    page: COLUMNAR,
    ddl: ['create table {s}.t(id int)'],
    files: { 'z.parquet': ZSTD_PARQUET },
    copy: `copy {s}.t from '{src}z.parquet' format as parquet`,
    documented: { loads: [[7], [8]], select: 'select id from {s}.t order by 1' },
  },
];
