// Size, extension and rule matching: files refused before a byte is read, and the baseline that loads.
import type { CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable, ruleSql } from './generate.js';

const three = () => flavorFile(flavorLines(3));

export const matchingCases: CorpusCase[] = [
  {
    name: 'a valid flavor file loads three rows and runs its post-load SQL',
    file: { name: 'CORPUS_BASELINE_527.txt', bytes: three() },
    expect: {
      state: 'TRANSFORMED',
      auditStatus: 'TRANSFORMED',
      rows: 3,
      archivedUnder: 'archive/527/',
      table: flavorTable,
    },
  },
  {
    name: 'an empty file fails before it is read',
    file: { name: 'CORPUS_EMPTY_527.txt', bytes: Buffer.alloc(0) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: 'expected a non-empty file, found 0 bytes',
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a file below the rule min_size_bytes fails with both sizes',
    rule: ruleSql({ sid: 801, cid: 801, trailer: 'Y', extra: { min_size_bytes: 1000 } }),
    file: { name: 'CORPUS_SMALL_801.txt', bytes: three() },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: `expected at least 1000 bytes (rule 801 min_size_bytes), found ${three().length} bytes`,
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a file with the wrong extension fails naming the rule it matched',
    file: { name: 'CORPUS_WRONGEXT_527.csv', bytes: three() },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: "rule 4 expects file_type 'txt', file 'CORPUS_WRONGEXT_527.csv' has extension 'csv'",
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a file without any extension fails as a wrong extension',
    file: { name: 'CORPUS_NOEXT_527', bytes: three() },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: "rule 4 expects file_type 'txt', file 'CORPUS_NOEXT_527' has extension ''",
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
  {
    name: 'a file no rule matches fails and is audited without an interface',
    file: { name: 'CORPUS_NORULE_999.txt', bytes: three() },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: "no active rule matches file 'CORPUS_NORULE_999.txt' (token '999', no file_pattern matches)",
      archivedUnder: 'archive/error/',
    },
  },
  {
    name: 'a file two active rules match fails naming both',
    rule: `${ruleSql({ sid: 802, cid: 802 })}\n${ruleSql({ sid: 803, cid: 802, sameInterface: true })}`,
    file: { name: 'CORPUS_TWORULES_802.txt', bytes: Buffer.from(flavorLines(3).join('')) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error:
        "file 'CORPUS_TWORULES_802.txt' matches more than one active rule: 802 and 803 (expected exactly one)",
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
];
