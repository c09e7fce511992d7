// Multi-record-type files: a good split, codes no rule takes, and record types the rule does not list.
import type { CaseExpectation, CorpusCase } from './corpus-case.js';
import { ruleSql, text, trailer } from './generate.js';

const claims = [
  'H1|1001|M100|2024-01-02\n',
  'D1|1001|1|PROC1|10.50\n',
  'D1|1001|2|PROC2|5.25\n',
  'H1|1002|M200|2024-01-02\n',
  'D1|1002|1|PROC3|7.00\n',
];

function part(rows: number, table: string): CaseExpectation {
  return { state: 'LOADED', auditStatus: 'FINISHED', rows, archivedUnder: 'archive/700/', table };
}

export const splitCases: CorpusCase[] = [
  {
    name: 'a multi-record file splits into header and detail parts that load',
    file: { name: 'CORPUSSPLIT_20240102_700.txt', bytes: text(`${claims.join('')}${trailer(5)}\n`) },
    expect: {
      state: 'SPLIT',
      auditStatus: 'SPLIT',
      archivedUnder: 'archive/700/',
      parts: [
        { code: 'H1', expect: part(2, 'rdsftetl.claim_header') },
        { code: 'D1', expect: part(3, 'rdsftetl.claim_detail') },
      ],
    },
  },
  {
    name: 'record types the split rule does not list are dropped and the rest load',
    file: {
      name: 'CORPUSUNKNOWN_20240102_700.txt',
      bytes: text(`${claims.join('')}Z9|what|is|this\nX1|1001|odd\n${trailer(7)}\n`),
    },
    expect: {
      state: 'SPLIT',
      auditStatus: 'SPLIT',
      archivedUnder: 'archive/700/',
      parts: [
        { code: 'H1', expect: part(2, 'rdsftetl.claim_header') },
        { code: 'D1', expect: part(3, 'rdsftetl.claim_detail') },
      ],
    },
  },
  {
    name: 'a split whose codes no child rule takes fails each part as unmatched',
    rule: ruleSql({
      sid: 806,
      cid: 806,
      schema: null,
      table: null,
      trailer: 'Y',
      split: { prefix: 'Q1,Q2' },
    }),
    file: { name: 'CORPUSNOCHILD_20240102_806.txt', bytes: text(`Q1|a|b\nQ2|c|d\n${trailer(2)}\n`) },
    expect: {
      state: 'SPLIT',
      auditStatus: 'SPLIT',
      archivedUnder: 'archive/806/',
      parts: [
        {
          code: 'Q1',
          expect: {
            state: 'FAILED',
            auditStatus: 'FAILED',
            error: /^no active rule matches file/,
            archivedUnder: 'archive/error/',
          },
        },
        {
          code: 'Q2',
          expect: {
            state: 'FAILED',
            auditStatus: 'FAILED',
            error: /^no active rule matches file/,
            archivedUnder: 'archive/error/',
          },
        },
      ],
    },
  },
];
