// Every COPY and load variant whose exact SQL is pinned in test/unit/core/load-sql/golden/<name>.sql.
import { buildCopy, type CopyInput } from '../../../../lib/core/load-sql/build-copy.js';
import { buildLoad } from '../../../../lib/core/load-sql/build-load.js';
import {
  accountRule,
  claimHeaderRule,
  copyTarget,
  flavorLoadRule,
  hospitalRule,
} from '../../../support/sample-rules.js';

const stage = { table: 'ferry_stage', compression: 'none', hasHeader: false, ...copyTarget } as const;
const copy = (input: Omit<CopyInput, keyof typeof stage> & Partial<CopyInput>) =>
  buildCopy({ ...stage, ...input });

/** Sample 1 as a JSON feed: no delimiter and no trailer. */
const jsonFlavorRule = (overrides: Parameters<typeof flavorLoadRule>[0] = {}) =>
  flavorLoadRule({
    format: 'json',
    fileType: 'json',
    layout: 'json',
    delimiter: undefined,
    trailer: undefined,
    ...overrides,
  });

const loadInput = {
  runId: '01JD8X3M4QH1ZC7W9K2B5N6P0R',
  loadedAt: '2024-01-02 03:04:05.678',
  compression: 'none',
  hasHeader: false,
  ...copyTarget,
} as const;

export const goldenCases: Record<string, () => string> = {
  'copy-delimited-trailer-stripped': () => copy({ rule: flavorLoadRule() }),
  'copy-csv-gzip-header-quotes': () => copy({ rule: hospitalRule(), compression: 'gzip', hasHeader: true }),
  'copy-csv-single-quote-char': () =>
    copy({ rule: hospitalRule({ quote: "'" }), compression: 'gzip', hasHeader: true }),
  'copy-fixed-width': () => copy({ rule: accountRule() }),
  'copy-bzip2': () =>
    copy({
      rule: flavorLoadRule({ format: 'bz2', fileType: 'bz2', compression: 'bzip2' }),
      compression: 'bzip2',
    }),
  'copy-lzop': () =>
    copy({
      rule: flavorLoadRule({ format: 'lzo', fileType: 'lzo', compression: 'lzop' }),
      compression: 'lzop',
    }),
  'copy-json-auto': () =>
    copy({
      rule: jsonFlavorRule(),
    }),
  'copy-parquet': () =>
    copy({
      rule: flavorLoadRule({
        format: 'parquet',
        fileType: 'parquet',
        layout: 'parquet',
        delimiter: undefined,
        trailer: undefined,
      }),
    }),
  'copy-error-and-null-options': () =>
    copy({
      rule: flavorLoadRule({
        maxErrors: 10,
        nullAs: '\\N',
        emptyAsNull: true,
        blanksAsNull: true,
        truncateColumns: true,
      }),
    }),
  'copy-escape-char-removequotes': () => copy({ rule: flavorLoadRule({ escapeChar: '\\' }) }),
  'copy-accept-any-date-off': () =>
    copy({
      rule: accountRule({ acceptAnyDate: false, dateFormat: 'YYYYMMDD', timeFormat: 'YYYY-MM-DD HH:MI:SS' }),
    }),
  'copy-gzip-parts-manifest': () =>
    copy({ rule: flavorLoadRule({ output: { compression: 'gzip', parts: 4 } }), compression: 'gzip' }),
  'copy-tab-delimited-into-target': () =>
    copy({
      rule: claimHeaderRule({ delimiter: '\\t' }),
      table: { schema: 'rdsftetl', table: 'claim_header' },
    }),
  // Migration 2026-12-02-013's options (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html).
  'copy-escape-header-rows-conversions': () =>
    copy({
      rule: flavorLoadRule({
        backslashEscape: true,
        trailer: undefined,
        ignoreHeaderRows: 3,
        fillRecord: true,
        trimBlanks: true,
        roundDecimals: true,
        acceptInvChars: { replacement: '^' },
      }),
      hasHeader: true,
    }),
  'copy-accept-inv-chars-off': () => copy({ rule: flavorLoadRule({ acceptInvChars: false }) }),
  'copy-csv-without-quote': () =>
    copy({ rule: hospitalRule({ quote: undefined, format: 'csv', fileType: 'csv' }), hasHeader: true }),
  'copy-zstd': () =>
    copy({ rule: flavorLoadRule({ compression: 'zstd', trailer: undefined }), compression: 'zstd' }),
  'copy-fixed-width-gzip': () => copy({ rule: accountRule({ compression: 'gzip' }), compression: 'gzip' }),
  'copy-json-paths-gzip': () =>
    copy({
      rule: jsonFlavorRule({ compression: 'gzip', jsonPaths: 'config/flavor_jsonpaths.json' }),
      compression: 'gzip',
    }),
  'copy-default-role-no-region': () =>
    copy({ rule: claimHeaderRule(), iamRole: 'default', region: undefined }),
  'load-delimited': () =>
    buildLoad({
      rule: flavorLoadRule(),
      fileName: 'PROD_20151015_150510973_PA_FLAVOR_527.txt',
      ...loadInput,
    }).sqls.join(';\n'),
  'load-csv-gzip': () =>
    buildLoad({
      rule: hospitalRule(),
      fileName: 'hosp10_2014_RPT_558.csv.gz',
      ...loadInput,
      compression: 'gzip',
      hasHeader: true,
    }).sqls.join(';\n'),
  'load-hostile-file-name': () =>
    buildLoad({ rule: flavorLoadRule(), fileName: "x'; drop table x; --_527.txt", ...loadInput }).sqls.join(
      ';\n',
    ),
  'load-backslash-file-name': () =>
    buildLoad({
      rule: flavorLoadRule(),
      fileName: "a\\'; drop table x; --\\_527.txt",
      ...loadInput,
    }).sqls.join(';\n'),
};
