// Hostile file names: spaces, '+', '%', quotes, semicolons, unicode and 1,000 characters, all on rule 4.
import type { CorpusCase } from './corpus-case.js';
import { flavorFile, flavorLines, flavorTable } from './generate.js';

function loadsUnder(name: string): CorpusCase {
  return {
    name: `the file name ${JSON.stringify(name.length > 60 ? `${name.slice(0, 30)}…(${name.length} chars)` : name)} loads and is stamped on every row`,
    file: { name, bytes: flavorFile(flavorLines(3)) },
    expect: {
      state: 'TRANSFORMED',
      auditStatus: 'TRANSFORMED',
      rows: 3,
      archivedUnder: 'archive/527/',
      table: flavorTable,
    },
  };
}

/** 1,000 characters in all: the longest name whose archive key still fits S3's 1,024 bytes is far shorter. */
export const thousandCharName = `CORPUS_${'L'.repeat(1000 - 'CORPUS_'.length - '_527.txt'.length)}_527.txt`;

export const nameCases: CorpusCase[] = [
  loadsUnder('CORPUS with spaces in it_527.txt'),
  loadsUnder('CORPUS+plus+signs_527.txt'),
  loadsUnder('CORPUS%20percent%2Fescapes%_527.txt'),
  loadsUnder(`CORPUS'single"double\`back_527.txt`),
  loadsUnder('CORPUS;semi;colons;_527.txt'),
  loadsUnder('CORPUS_café_日本語_😀_527.txt'),
  {
    name: 'a 1,000-character file name fails with a clear error and is still accounted for',
    file: { name: thousandCharName, bytes: flavorFile(flavorLines(3)) },
    expect: {
      state: 'FAILED',
      auditStatus: 'FAILED',
      error: /./,
      rows: 0,
      archivedUnder: 'archive/error/',
      table: flavorTable,
    },
  },
];
