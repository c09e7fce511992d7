// Trailer records (rule 4, trailer_pstn '4:14'): counts off either way, zero, not a number, too short, no newline.
import type { CaseExpectation, CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable, text } from './generate.js';

const span = 'trailer characters 4-13';

function failed(error: string | RegExp): CaseExpectation {
  return {
    state: 'FAILED',
    auditStatus: 'FAILED',
    error,
    rows: 0,
    archivedUnder: 'archive/error/',
    table: flavorTable,
  };
}

export const trailerCases: CorpusCase[] = [
  {
    name: 'a trailer counting one record more than the file has fails',
    file: { name: 'CORPUS_TRLPLUS_527.txt', bytes: flavorFile(flavorLines(3), 4) },
    expect: failed('trailer says 4 records, file has 3'),
  },
  {
    name: 'a trailer counting one record less than the file has fails',
    file: { name: 'CORPUS_TRLMINUS_527.txt', bytes: flavorFile(flavorLines(3), 2) },
    expect: failed('trailer says 2 records, file has 3'),
  },
  {
    name: 'a trailer of zero after three records fails as no record count',
    file: { name: 'CORPUS_TRLZERO_527.txt', bytes: flavorFile(flavorLines(3), 0) },
    expect: failed(`${span} should be a record count greater than zero, found '0000000000'`),
  },
  {
    name: 'a trailer that is not a number fails quoting what it found',
    file: { name: 'CORPUS_TRLNAN_527.txt', bytes: text(`${flavorLines(3).join('')}TRLABCDEFGHIJ\n`) },
    expect: failed(`${span} should be a record count, found 'ABCDEFGHIJ'`),
  },
  {
    name: 'a trailer shorter than trailer_pstn fails with its length',
    file: { name: 'CORPUS_TRLSHORT_527.txt', bytes: text(`${flavorLines(3).join('')}TRL3\n`) },
    expect: failed(`${span} should be a record count, but the trailer 'TRL3' has only 4 characters`),
  },
  {
    name: 'a trailer without a final newline loads like one with it',
    file: { name: 'CORPUS_TRLNOEOL_527.txt', bytes: flavorFile(flavorLines(3), 3, false) },
    expect: {
      state: 'TRANSFORMED',
      auditStatus: 'TRANSFORMED',
      rows: 3,
      archivedUnder: 'archive/527/',
      table: flavorTable,
    },
  },
  {
    name: 'a file of only a trailer fails its count',
    file: { name: 'CORPUS_ONLYTRL_527.txt', bytes: flavorFile([], 1) },
    expect: failed('trailer says 1 records, file has 0'),
  },
  {
    name: 'a file of only a zero trailer fails as no record count',
    file: { name: 'CORPUS_ONLYTRLZERO_527.txt', bytes: flavorFile([], 0) },
    expect: failed(`${span} should be a record count greater than zero, found '0000000000'`),
  },
  {
    name: 'a file of only blank lines where a trailer is expected fails',
    file: { name: 'CORPUS_BLANKTRL_527.txt', bytes: text('\n\n\n') },
    expect: failed(/^expected a trailer line, found no non-blank line/),
  },
];
