// The end-to-end load benchmark's feed shapes: what users send, each with the rule it loads under, the tables it fills
// and the `psql \copy` commands that load the same rows into the same tables (the baseline).
import { shellQuote as q } from './measure.js';

export const loadShapes = [
  'pipe-header-trailer',
  'csv-gzip-header',
  'fixed-width',
  'multi-record',
  'plain',
] as const;
export type LoadShape = (typeof loadShapes)[number];

export interface LoadShapeSpec {
  /** The name `ferry put` gives the file: its interface token picks the rule. */
  fileName: string;
  /** Warehouse tables whose rows are counted after the load (and truncated before the baseline). */
  tables: string[];
  /** Config SQL run after the sample config: bench-only rules and tweaks. */
  configSql: string;
  /** The table row label. */
  label: string;
}

const flavorColumns = 'flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag';

/**
 * Interface 529: sample 1's feed with a header line and an explicit DATEFORMAT, as partners send it (header + trailer +
 * `date` + `numeric(12,2)`, pipe-delimited). Interface 527 stays the plain shape (no header, DATEFORMAT auto).
 */
const headerRuleSql = `
insert into rdscnfg.ext_interface (ext_interface_cid, interface_name, interface_desc, oprtnl_flag, created_date, modified_date)
values (529, 'BENCH_FLAVOR_HDR', 'bench: flavor feed with a header line', 'A', now(), now());
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name, file_prefix,
  file_format, file_type, delimiter, header_flag, trailer_flag, query, split_file_flag, split_prefix, escape_char,
  trailer_pstn, oprtnl_flag, created_date, modified_date, date_format)
values (40, 529, 'rdsftetl', 'dc_x_pa_flavor', '529.', 'txt', 'txt', '|', 'Y', 'Y', null, 'N', null, null, '4:14', 'A',
  now(), now(), 'YYYY-MM-DD');
insert into rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed,
  column_order_sqnc, oprtnl_flag, created_date, modified_date)
select 400 + column_order_sqnc, 40, column_name, null, column_order_sqnc, 'A', now(), now()
from rdscnfg.ext_file_config_dtl where ext_file_config_sid = 4;
`;

export const loadShapeSpecs: Record<LoadShape, LoadShapeSpec> = {
  'pipe-header-trailer': {
    fileName: 'BENCH_20240101_529.txt',
    tables: ['rdsftetl.dc_x_pa_flavor'],
    configSql: headerRuleSql,
    label: 'pipe, header + trailer, date + numeric(12,2), DATEFORMAT',
  },
  'csv-gzip-header': {
    fileName: 'BENCH_20240101_558.csv.gz',
    tables: ['rdsftetl.hosp_rpt'],
    configSql: '',
    label: 'quoted CSV with a header, gzip',
  },
  'fixed-width': {
    fileName: 'BENCH_20240101_600.dat',
    tables: ['rdsftetl.acct_master'],
    configSql: "update rdscnfg.ext_file_config set date_format = 'YYYYMMDD' where ext_file_config_sid = 6;",
    label: 'fixed width (10, 20, 8, 12), DATEFORMAT',
  },
  'multi-record': {
    fileName: 'BENCH_20240101_700.txt',
    tables: ['rdsftetl.claim_header', 'rdsftetl.claim_detail'],
    configSql: '',
    label: 'multi-record split (H1, D1) + trailer',
  },
  plain: {
    fileName: 'BENCH_20240101_527.txt',
    tables: ['rdsftetl.dc_x_pa_flavor'],
    configSql: '',
    label: 'pipe + trailer (no header)',
  },
};

/** The files each shape's baseline reads (the same rows, in the layout `\copy` reads). */
export interface BaselineFiles {
  /** Pipe-delimited rows for the shape's first table (for CSV: the gzip feed itself). */
  rows: string;
  /** Multi-record: the D1 rows. */
  detailRows?: string;
}

/** One COPY of a shape's baseline: the same rows into the same table, in a layout PostgreSQL's COPY reads. */
export interface BaselineCopy {
  /** `schema.table (columns)`. */
  target: string;
  file: string;
  /** The file is gzipped: the baseline decompresses it as it reads. */
  gzip: boolean;
  /** COPY's WITH options. */
  options: string;
}

/** The COPYs that load the shape's rows into its tables, whichever PostgreSQL runs them. */
export function baselineCopies(shape: LoadShape, files: BaselineFiles): BaselineCopy[] {
  const pipe = (target: string, file: string) => ({ target, file, gzip: false, options: "delimiter '|'" });
  switch (shape) {
    case 'pipe-header-trailer':
    case 'plain':
      return [pipe(`rdsftetl.dc_x_pa_flavor (${flavorColumns})`, files.rows)];
    case 'csv-gzip-header':
      return [
        {
          target: 'rdsftetl.hosp_rpt (hospital_id, hospital_name, report_date, beds, admissions)',
          file: files.rows,
          gzip: true,
          options: 'format csv, header',
        },
      ];
    case 'fixed-width':
      return [pipe('rdsftetl.acct_master (acct_no, acct_name, open_date, balance)', files.rows)];
    case 'multi-record':
      return [
        pipe('rdsftetl.claim_header (record_type, claim_id, member_id, claim_date)', files.rows),
        pipe(
          'rdsftetl.claim_detail (record_type, claim_id, line_no, procedure_cd, amount)',
          files.detailRows!,
        ),
      ];
  }
}

/** `psql \copy` commands that load the shape's rows into `database`, as one shell command. */
export function baselineCommand(shape: LoadShape, files: BaselineFiles, database: string): string {
  const psql = (copy: string) => `psql -X -q -v ON_ERROR_STOP=1 -d ${q(database)} -c ${q(copy)}`;
  return baselineCopies(shape, files)
    .map(({ target, file, gzip, options }) =>
      psql(`\\copy ${target} from ${gzip ? `program 'gzip -dc ${file}'` : `'${file}'`} with (${options})`),
    )
    .join(' && ');
}
