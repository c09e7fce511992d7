// The rules the preparation benchmarks run under: one per measured operation.
import type { Rule } from '../../lib/config/rule.js';

const flavorColumns = [
  'flavor_id',
  'flavor_code',
  'flavor_name',
  'category',
  'effective_date',
  'price',
  'active_flag',
].map((name) => ({ name }));

const base: Rule = {
  id: 4,
  interfaceId: '527',
  interfaceName: 'NDC_X_PA_TYPE',
  target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
  token: '527',
  format: 'txt',
  fileType: 'txt',
  compression: 'none',
  layout: 'delimited',
  delimiter: '|',
  header: false,
  checkHeader: false,
  columns: flavorColumns,
  emptyAsNull: false,
  blanksAsNull: false,
  truncateColumns: false,
  acceptAnyDate: true,
  dateFormat: 'auto',
  timeFormat: 'auto',
  output: { compression: 'none', parts: 1 },
};

export const prepareOperations = ['trailer', 'split', 'gzip', 'gzcsv'] as const;
export type PrepareOperation = (typeof prepareOperations)[number];

/** The rule, and the input file name it matches, for each preparation benchmark. */
export const prepareRules: Record<PrepareOperation, { rule: Rule; fileName: string }> = {
  /** Trailer check and strip into one plain `processing/` copy. */
  trailer: { rule: { ...base, trailer: { start: 4, end: 14 } }, fileName: 'BENCH_20240101_527.txt' },
  /** Split by record type (no trailer check here, so the figure is the split alone; awk does no check either). */
  split: {
    rule: {
      ...base,
      id: 7,
      token: '700',
      target: undefined,
      columns: [],
      split: { codes: ['H1', 'D1', 'D2'] },
    },
    fileName: 'BENCH_20240101_700.txt',
  },
  /** Gzip at level 1 and cut into 4 parts. */
  gzip: {
    rule: { ...base, output: { compression: 'gzip', parts: 4 } },
    fileName: 'BENCH_20240101_527.txt',
  },
  /** Gzip CSV input with a header check: decompressed, scanned, re-gzipped into 4 parts. */
  gzcsv: {
    rule: {
      ...base,
      id: 5,
      token: '558',
      format: 'gz',
      fileType: 'gz',
      compression: 'gzip',
      layout: 'csv',
      delimiter: ',',
      quote: '"',
      header: true,
      checkHeader: true,
      columns: ['hospital_id', 'hospital_name', 'report_date', 'beds', 'admissions'].map((name) => ({
        name,
      })),
      output: { compression: 'gzip', parts: 4 },
    },
    fileName: 'BENCH_20240101_558.csv.gz',
  },
};
