// Deterministic generators for corpus files and the extra config rows some cases need.
import { gzipSync } from 'node:zlib';
import { flavorColumnNames } from '../../support/sample-rules.js';

export const flavorTable = 'rdsftetl.dc_x_pa_flavor';

/** `n` valid records of the pipe-delimited flavor feed (interface 527), each ending in `\n`. */
export function flavorLines(n: number, start = 1): string[] {
  return Array.from({ length: n }, (_, i) => {
    const id = start + i;
    return `${id}|F${id}|Flavor ${id}|Classic|2015-10-15|${id}.25|Y\n`;
  });
}

/** `TRL` and a ten-digit count: characters 4..13 hold the count, as trailer_pstn '4:14' reads it. */
export function trailer(count: number): string {
  return `TRL${String(count).padStart(10, '0')}`;
}

/** A flavor file: records, then the trailer line (with its own final newline unless `finalNewline` is false). */
export function flavorFile(records: string[], trailerCount = records.length, finalNewline = true): Buffer {
  return Buffer.from(`${records.join('')}${trailer(trailerCount)}${finalNewline ? '\n' : ''}`);
}

export function text(value: string): Buffer {
  return Buffer.from(value, 'utf8');
}

/** Gzip with a fixed mtime (0) so the bytes are the same on every run. */
export function gzip(value: string | Buffer): Buffer {
  return gzipSync(typeof value === 'string' ? Buffer.from(value) : value);
}

export interface RuleSpec {
  sid: number;
  /** The interface id; also the file token (`<cid>.` prefix) unless `prefix` says otherwise. */
  cid: number;
  prefix?: string;
  schema?: string | null;
  table?: string | null;
  fileFormat?: string;
  fileType?: string;
  delimiter?: string | null;
  header?: 'Y' | 'N';
  trailer?: 'Y' | 'N';
  trailerPstn?: string | null;
  split?: { prefix: string };
  query?: string | null;
  /** Ferry's optional columns, by name (min_size_bytes, accept_any_date, max_errors, …). */
  extra?: Record<string, string | number>;
  /** Column names in order; fixed widths as `[name, width]`. */
  columns?: Array<string | [string, number]>;
  /** Skip the ext_interface row when another rule of the case already made it. */
  sameInterface?: boolean;
}

/** SQL literal for test-owned config text (single quotes doubled; the config scripts are plain SQL). */
function literal(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** Config rows of one extra rule, shaped like sample rule 4 (the flavor feed) unless the spec says otherwise. */
export function ruleSql(spec: RuleSpec): string {
  const extra = Object.entries(spec.extra ?? {});
  const columns = spec.columns ?? flavorColumnNames;
  const statements: string[] = [];
  if (!spec.sameInterface) {
    statements.push(
      `INSERT INTO rdscnfg.ext_interface (ext_interface_cid, interface_name, oprtnl_flag) VALUES (${spec.cid}, 'CORPUS_${spec.cid}', 'A');`,
    );
  }
  const fields: Array<[string, string | number | null | undefined]> = [
    ['ext_file_config_sid', spec.sid],
    ['ext_interface_cid', spec.cid],
    ['tgt_schema_name', spec.schema === undefined ? 'rdsftetl' : spec.schema],
    ['tgt_table_name', spec.table === undefined ? 'dc_x_pa_flavor' : spec.table],
    ['file_prefix', spec.prefix ?? `${spec.cid}.`],
    ['file_format', spec.fileFormat ?? 'txt'],
    ['file_type', spec.fileType ?? 'txt'],
    ['delimiter', spec.delimiter === undefined ? '|' : spec.delimiter],
    ['header_flag', spec.header ?? 'N'],
    ['trailer_flag', spec.trailer ?? 'N'],
    ['trailer_pstn', spec.trailerPstn ?? (spec.trailer === 'Y' ? '4:14' : null)],
    ['split_file_flag', spec.split ? 'Y' : 'N'],
    ['split_prefix', spec.split?.prefix ?? null],
    ['query', spec.query ?? null],
    ['oprtnl_flag', 'A'],
    ...extra,
  ];
  statements.push(
    `INSERT INTO rdscnfg.ext_file_config (${fields.map(([name]) => name).join(', ')}) VALUES (${fields
      .map(([, value]) => literal(value))
      .join(', ')});`,
  );
  columns.forEach((column, index) => {
    const [name, width] = typeof column === 'string' ? [column, null] : column;
    statements.push(
      `INSERT INTO rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name, column_width_fixed, column_order_sqnc, oprtnl_flag) VALUES (${spec.sid * 100 + index}, ${spec.sid}, ${literal(name)}, ${width ?? 'NULL'}, ${index + 1}, 'A');`,
    );
  });
  return statements.join('\n');
}
