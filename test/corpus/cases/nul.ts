// A NUL byte quoted by a failure's message or a split's sample: the failure is still recorded, shown as \u0000.
import { flavorColumnNames } from '../../support/sample-rules.js';
import type { CorpusCase } from './corpus-case.js';
import { flavorLines, flavorTable, ruleSql, text, trailer } from './generate.js';

const failed = (error: RegExp) => ({
  state: 'FAILED' as const,
  auditStatus: 'FAILED',
  error,
  rows: 0,
  archivedUnder: 'archive/error/',
  table: flavorTable,
});

const part = (rows: number, table: string) => ({
  state: 'LOADED' as const,
  auditStatus: 'FINISHED',
  rows,
  archivedUnder: 'archive/700/',
  table,
});

export const nulCases: CorpusCase[] = [
  {
    name: 'a UTF-16 file whose trailer holds NUL bytes fails, its audit row quoting them as \\u0000',
    file: {
      name: 'CORPUS_UTF16TRL_527.txt',
      bytes: Buffer.from(`${flavorLines(2).join('')}${trailer(2)}`, 'utf16le'),
    },
    expect: failed(/^trailer characters 4-13 should be a record count, found '.*\\u0000.*'$/),
  },
  {
    name: 'a header holding a NUL byte fails the header check, its audit row quoting it as \\u0000',
    rule: ruleSql({
      sid: 817,
      cid: 817,
      header: 'Y',
      extra: { check_header_flag: 'Y' },
    }),
    file: {
      name: 'CORPUS_NULHEADER_817.txt',
      bytes: text(
        `flavor_id|flavor\0code|${flavorColumnNames.slice(2).join('|')}\n${flavorLines(1).join('')}`,
      ),
    },
    expect: failed(/^header columns should be \(.*\), found \(flavor_id, flavor\\u0000code, .*\)$/),
  },
  {
    name: 'a split file dropping a line with a NUL byte is recorded SPLIT and its parts load once',
    file: {
      name: 'CORPUSNULDROP_20240102_700.txt',
      bytes: text(
        `H1|1001|M100|2024-01-02\nD1|1001|1|PROC1|10.50\nZ9|nul\0here\nD1|1001|2|PROC2|5.25\n${trailer(4)}\n`,
      ),
    },
    expect: {
      state: 'SPLIT',
      auditStatus: 'SPLIT',
      archivedUnder: 'archive/700/',
      parts: [
        { code: 'H1', expect: part(1, 'rdsftetl.claim_header') },
        { code: 'D1', expect: part(2, 'rdsftetl.claim_detail') },
      ],
    },
  },
];
