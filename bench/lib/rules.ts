// The rules the preparation benchmarks run under: one per measured operation, from the sample-feed rules.
import type { Rule } from '../../lib/core/rules/rule.js';
import { claimsParentRule, flavorRule, hospitalRule } from '../../test/support/sample-rules.js';

export const prepareOperations = ['trailer', 'split', 'gzip', 'gzcsv', 'control-total'] as const;
export type PrepareOperation = (typeof prepareOperations)[number];

/** The rule, and the input file name it matches, for each preparation benchmark. */
export const prepareRules: Record<PrepareOperation, { rule: Rule; fileName: string }> = {
  /** Trailer check and strip into one plain `processing/` copy. */
  trailer: { rule: flavorRule(), fileName: 'BENCH_20240101_527.txt' },
  /** Split by record type (no trailer check here, so the figure is the split alone; awk does no check either). */
  split: {
    rule: claimsParentRule({ trailer: undefined, split: { codes: ['H1', 'D1', 'D2'] } }),
    fileName: 'BENCH_20240101_700.txt',
  },
  /** Gzip at level 1 and cut into 4 parts (no trailer check). */
  gzip: {
    rule: flavorRule({ trailer: undefined, output: { compression: 'gzip', parts: 4 } }),
    fileName: 'BENCH_20240101_527.txt',
  },
  /** The trailer check with a control sum of `price` and a sha256 of the data lines, in the same read-only pass. */
  'control-total': {
    rule: flavorRule({
      controlTotals: {
        sum: { column: 'price', position: { start: 14, end: 34 } },
        hash: { algorithm: 'sha256', position: { start: 34, end: 98 } },
      },
    }),
    fileName: 'BENCH_20240101_527.txt',
  },
  /** Gzip CSV input with a header check: decompressed, scanned, re-gzipped into 4 parts. */
  gzcsv: {
    rule: hospitalRule({ checkHeader: true, output: { compression: 'gzip', parts: 4 } }),
    fileName: 'BENCH_20240101_558.csv.gz',
  },
};
