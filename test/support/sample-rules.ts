// Rule objects for the sample feeds (shared spec), built by hand so the tests and benchmarks using them depend on
// nothing else: not on parseRule, not on the sample config.
import type { Rule } from '../../lib/core/rules/rule.js';

/** The defaults every sample rule shares: the original's COPY defaults, no compression, no header. */
const base: Omit<
  Rule,
  'id' | 'interfaceId' | 'interfaceName' | 'target' | 'token' | 'format' | 'fileType' | 'columns'
> = {
  compression: 'none',
  layout: 'delimited',
  header: false,
  checkHeader: false,
  emptyAsNull: false,
  blanksAsNull: false,
  truncateColumns: false,
  backslashEscape: false,
  fillRecord: false,
  trimBlanks: false,
  roundDecimals: false,
  acceptInvChars: {},
  acceptAnyDate: true,
  dateFormat: 'auto',
  timeFormat: 'auto',
  output: { compression: 'none', parts: 1 },
};

const names = (...columns: string[]) => columns.map((name) => ({ name }));

/** Sample 1's columns, in file order. */
export const flavorColumnNames = [
  'flavor_id',
  'flavor_code',
  'flavor_name',
  'category',
  'effective_date',
  'price',
  'active_flag',
] as const;

/** Sample 1's post-load SQL. */
export const flavorPostLoadSql =
  "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', {{file_name}}, {{loaded_at}});";

/** Sample 1: pipe-delimited with a trailer, without its post-load SQL (see `flavorLoadRule`). */
export function flavorRule(overrides: Partial<Rule> = {}): Rule {
  return {
    ...base,
    id: 4,
    interfaceId: '527',
    interfaceName: 'NDC_X_PA_TYPE',
    target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
    token: '527',
    format: 'txt',
    fileType: 'txt',
    delimiter: '|',
    trailer: { start: 4, end: 14 },
    columns: names(...flavorColumnNames),
    ...overrides,
  };
}

/** Sample 1 with its post-load SQL: the rule the COPY and load tests build statements from. */
export function flavorLoadRule(overrides: Partial<Rule> = {}): Rule {
  return flavorRule({ postLoadSql: flavorPostLoadSql, ...overrides });
}

/** Sample 2: gzip CSV with a header and quoted names. */
export function hospitalRule(overrides: Partial<Rule> = {}): Rule {
  return {
    ...base,
    id: 5,
    interfaceId: '558',
    interfaceName: 'HOSP_RPT',
    target: { schema: 'rdsftetl', table: 'hosp_rpt' },
    token: '558',
    format: 'gz',
    fileType: 'gz',
    compression: 'gzip',
    layout: 'csv',
    delimiter: ',',
    quote: '"',
    header: true,
    columns: names('hospital_id', 'hospital_name', 'report_date', 'beds', 'admissions'),
    ...overrides,
  };
}

/** Sample 3: fixed width. */
export function accountRule(overrides: Partial<Rule> = {}): Rule {
  return {
    ...base,
    id: 6,
    interfaceId: '600',
    interfaceName: 'MAINFRAME_ACCT',
    target: { schema: 'rdsftetl', table: 'acct_master' },
    token: '600',
    format: 'fixed_width',
    fileType: 'dat',
    layout: 'fixed_width',
    columns: [
      { name: 'acct_no', width: 10 },
      { name: 'acct_name', width: 20 },
      { name: 'open_date', width: 8 },
      { name: 'balance', width: 12 },
    ],
    ...overrides,
  };
}

/** Sample 4: the split parent of the multi-record claims file: no target, no columns, a trailer. */
export function claimsParentRule(overrides: Partial<Rule> = {}): Rule {
  return {
    ...base,
    id: 7,
    interfaceId: '700',
    interfaceName: 'CLAIMS_MULTI',
    token: '700',
    format: 'txt',
    fileType: 'txt',
    delimiter: '|',
    trailer: { start: 4, end: 14 },
    split: { codes: ['H1', 'D1'] },
    columns: [],
    ...overrides,
  };
}

/** Sample 4: the claim header part of the split file. */
export function claimHeaderRule(overrides: Partial<Rule> = {}): Rule {
  return {
    ...base,
    id: 8,
    interfaceId: '700',
    interfaceName: 'CLAIMS_MULTI',
    target: { schema: 'rdsftetl', table: 'claim_header' },
    token: '700-H1',
    format: 'txt',
    fileType: 'txt',
    delimiter: '|',
    columns: names('record_type', 'claim_id', 'member_id', 'claim_date'),
    ...overrides,
  };
}

/** Where the COPY tests load the sample rules from. */
export const copyTarget = {
  manifestUrl: 's3://ferry-bucket/processing/run-0001.manifest',
  iamRole: 'arn:aws:iam::123456789012:role/FerryCopy',
  region: 'us-east-1',
};
