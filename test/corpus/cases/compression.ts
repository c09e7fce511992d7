// Compressed input: a truncated gzip and a plain text file named `.gz`.
import type { CorpusCase } from './corpus-case.js';
import { gzip, text } from './generate.js';

const hospTable = 'rdsftetl.hosp_rpt';
const hosp = `hospital_id,hospital_name,report_date,beds,admissions\n${Array.from(
  { length: 200 },
  (_, i) => `${i + 1},"Hospital ${i + 1}, Ward ${i % 7}",2014-01-31,${100 + i},${i * 3}\n`,
).join('')}`;
const whole = gzip(hosp);

export const compressionCases: CorpusCase[] = [
  {
    name: 'a truncated gzip fails in the COPY with no rows kept',
    file: { name: 'CORPUS_TRUNCGZ_558.csv.gz', bytes: whole.subarray(0, Math.floor(whole.length / 2)) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: 'ERROR: unexpected end of file',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: hospTable,
    },
  },
  {
    name: 'a plain text file named .gz fails in the COPY',
    file: { name: 'CORPUS_TEXTGZ_558.csv.gz', bytes: text(hosp) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: 'ERROR: incorrect header check',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: hospTable,
    },
  },
];
