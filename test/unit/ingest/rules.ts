// Rules for the ingest tests, shaped like the sample feeds (see briefs: samples).
import type { Rule } from '../../../lib/config/rule.js';

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
  columns: [
    'flavor_id',
    'flavor_code',
    'flavor_name',
    'category',
    'effective_date',
    'price',
    'active_flag',
  ].map((name) => ({ name })),
  emptyAsNull: false,
  blanksAsNull: false,
  truncateColumns: false,
  acceptAnyDate: true,
  dateFormat: 'auto',
  timeFormat: 'auto',
  output: { compression: 'none', parts: 1 },
};

export function flavorRule(overrides: Partial<Rule> = {}): Rule {
  return { ...base, trailer: { start: 4, end: 14 }, ...overrides };
}

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
    columns: ['hospital_id', 'hospital_name', 'report_date', 'beds', 'admissions'].map((name) => ({ name })),
    ...overrides,
  };
}

export function claimsParentRule(overrides: Partial<Rule> = {}): Rule {
  const { target: _target, ...rest } = base;
  return {
    ...rest,
    id: 7,
    interfaceId: '700',
    interfaceName: 'CLAIMS_MULTI',
    token: '700',
    trailer: { start: 4, end: 14 },
    split: { codes: ['H1', 'D1'] },
    columns: [],
    ...overrides,
  };
}
