// The sample feeds' files (see sql/samples/README.md), as data: make-samples.ts writes them, tests compare.
import { gzipSync } from 'node:zlib';

export interface SampleFile {
  /** The object name a partner would drop into external_input/. */
  name: string;
  /** The file's text; gzip files hold the text before compression. */
  text: string;
  gzip: boolean;
}

const lines = (rows: string[]): string => `${rows.join('\n')}\n`;
const trailer = (records: number): string => `TRL${String(records).padStart(10, '0')}`;

/** Interface 527: pipe-delimited, trailer `TRL` + 10-digit record count; 104 has an impossible date. */
const flavorRows = [
  '101|VAN01|Madagascar Vanilla Bean|Classic|2015-10-01|4.25|Y',
  '102|CHOC02|Belgian Dark Chocolate|Classic|2015-10-01|4.75|Y',
  '103|STRW03|Strawberry Swirl|Fruit|2015-09-15|3.95|Y',
  '104|MINT04|Mint Chocolate Chip|Classic|2015-02-30|4.10|Y',
  '105|MANG05|Alphonso Mango Sorbet|Sorbet|2015-10-05|5.20|N',
  '106|PIST06|Sicilian Pistachio|Nut|2015-10-12|5.95|Y',
];

/** Interface 527 again, a day later: its trailer claims one record more than the file holds. */
const failingFlavorRows = [
  '101|VAN01|Madagascar Vanilla Bean|Classic|2015-10-16|4.35|Y',
  '107|CARA07|Salted Caramel|Classic|2015-10-16|4.65|Y',
  '108|LEMN08|Meyer Lemon Sorbet|Sorbet|2015-10-16|4.40|Y',
];

/** Interface 558: CSV with a header; names with commas are quoted, one with doubled quotes inside. */
const hospitalRows = [
  'hospital_id,hospital_name,report_date,beds,admissions',
  `1001,"St. Mary's Medical Center, Rochester",2014-03-31,412,1873`,
  '1002,"Mercy General Hospital, Sacramento",2014-03-31,356,1542',
  '1003,Lakeside Community Hospital,2014-03-31,98,411',
  `1004,"Children's Hospital ""Hope Wing"", Austin",2014-03-31,164,702`,
  '1005,"Providence Regional, Everett",2014-03-31,571,2210',
  '1006,Valley View Clinic,2014-03-31,42,187',
  '1007,"University Hospital, Ann Arbor",2014-03-31,1003,4388',
  '1008,"Good Samaritan Hospital, Dayton",2014-03-31,289,1126',
];

/** Interface 600: acct_no 10, acct_name 20, open_date 8 (YYYYMMDD), balance 12 (right-aligned). */
const accountWidths = [10, 20, 8, 12] as const;
const accounts: [string, string, string, string][] = [
  ['AC00010001', 'Jane Whitfield', '20190315', '12500.00'],
  ['AC00010002', 'Rahul Mehta', '20201101', '3480.55'],
  ['AC00010003', 'Lucia Fernandez', '20210728', '-250.75'],
  ['AC00010004', 'Okafor Trading LLC', '20220104', '98210.00'],
  ['AC00010005', 'Mei Lin Chen', '20230619', '0.00'],
  ['AC00010006', 'Bjorn Andersson', '20231230', '7715.20'],
];

/** Interface 700: record types H1 (claim header) and D1 (claim line), split into two tables. */
const claimRows = [
  'H1|500001|MBR0000123|2024-01-02',
  'D1|500001|1|99213|125.00',
  'D1|500001|2|85025|32.50',
  'H1|500002|MBR0000456|2024-01-02',
  'D1|500002|1|99214|180.00',
  'D1|500002|2|80053|48.75',
  'D1|500002|3|93000|65.00',
];

function fixedWidthLine(fields: readonly string[]): string {
  return fields
    .map((field, index) => {
      const width = accountWidths[index]!;
      if (field.length > width) throw new Error(`expected at most ${width} characters, found '${field}'`);
      // Text is left-aligned, the amount (last field) right-aligned, as mainframe extracts write them.
      return index === fields.length - 1 ? field.padStart(width) : field.padEnd(width);
    })
    .join('');
}

export const sampleFiles: readonly SampleFile[] = [
  {
    name: 'PROD_20151015_150510973_PA_FLAVOR_527.txt',
    text: lines([...flavorRows, trailer(flavorRows.length)]),
    gzip: false,
  },
  { name: 'hosp10_2014_RPT_558.csv.gz', text: lines(hospitalRows), gzip: true },
  { name: 'ACCT_20240101_600.dat', text: lines(accounts.map(fixedWidthLine)), gzip: false },
  { name: 'CLAIMS_20240102_700.txt', text: lines([...claimRows, trailer(claimRows.length)]), gzip: false },
  {
    name: 'PROD_20151016_090000000_PA_FLAVOR_527.txt',
    text: lines([...failingFlavorRows, trailer(failingFlavorRows.length + 1)]),
    gzip: false,
  },
];

/** GZIP header byte 9 names the operating system; zlib sets it per platform, so pin it to Unix (3). */
const GZIP_OS_OFFSET = 9;
const GZIP_OS_UNIX = 3;

/** The bytes of a sample file: the text itself, or its gzip (mtime 0, OS byte pinned) so output is stable. */
export function sampleFileBytes(file: SampleFile): Buffer {
  const text = Buffer.from(file.text, 'utf8');
  if (!file.gzip) return text;
  const compressed = gzipSync(text, { level: 9 });
  compressed[GZIP_OS_OFFSET] = GZIP_OS_UNIX;
  return compressed;
}
