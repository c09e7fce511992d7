// Compressed input: a truncated gzip, a plain text file named `.gz`, and decompression bombs.
import type { CorpusCase } from './corpus-case.js';
import { flavorLines, flavorTable, gzip, ruleSql, text, trailer } from './generate.js';

const hospTable = 'rdsftetl.hosp_rpt';
const hosp = `hospital_id,hospital_name,report_date,beds,admissions\n${Array.from(
  { length: 200 },
  (_, i) => `${i + 1},"Hospital ${i + 1}, Ward ${i % 7}",2014-01-31,${100 + i},${i * 3}\n`,
).join('')}`;
const whole = gzip(hosp);

/** 20 MB of blank lines between three records and their trailer: about 20 kB of gzip, 1000:1. */
const bomb = gzip(`${flavorLines(3).join('')}${'\n'.repeat(20_000_000)}${trailer(3)}\n`);
const expansionFloor = 16 * 1024 * 1024;
const bombRule = (sid: number, ratio?: number) =>
  ruleSql({
    sid,
    cid: sid,
    fileFormat: 'gz',
    fileType: 'gz',
    trailer: 'Y',
    ...(ratio === undefined ? {} : { extra: { max_expansion_ratio: ratio } }),
  });

export const compressionCases: CorpusCase[] = [
  {
    name: 'a truncated gzip fails in the COPY with no rows kept',
    file: { name: 'CORPUS_TRUNCGZ_558.csv.gz', bytes: whole.subarray(0, Math.floor(whole.length / 2)) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: 'gzip input is corrupt: truncated stream (unexpected end of file)',
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
      error: 'gzip input is corrupt: incorrect header check',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: hospTable,
    },
  },
  {
    name: 'a gzip bomb fails while it is decompressed, saying how far it may expand',
    rule: bombRule(818),
    file: { name: 'CORPUS_GZBOMB_818.txt.gz', bytes: bomb },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error:
        `expected at most ${expansionFloor} bytes once decompressed (max_expansion_ratio 100 × ${bomb.length} ` +
        `compressed bytes, at least ${expansionFloor}), found more than ${expansionFloor}: a decompression bomb, ` +
        'or a file that needs a higher max_expansion_ratio on its rule',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'the same file loads under a rule whose max_expansion_ratio allows it',
    rule: bombRule(819, 2000),
    file: { name: 'CORPUS_GZBOMBOK_819.txt.gz', bytes: bomb },
    expect: {
      state: 'LOADED',
      auditStatus: 'FINISHED',
      rows: 3,
      archivedUnder: 'archive/819/',
      table: flavorTable,
    },
  },
];
