// Config rows as the database returns them, for unit tests of rule parsing.
import type { FileConfigDetailRow, FileConfigRow } from '../../../../lib/records/tables.js';

export const iface = { ext_interface_cid: '527', interface_name: 'NDC_X_PA_TYPE' };

export function configRow(overrides: Partial<FileConfigRow> = {}): FileConfigRow {
  return {
    ext_file_config_sid: 4,
    ext_interface_cid: '527',
    tgt_schema_name: 'rdsftetl',
    tgt_table_name: 'dc_x_pa_flavor',
    file_prefix: '527.',
    file_format: 'txt',
    file_type: 'txt',
    delimiter: '|',
    header_flag: 'N',
    trailer_flag: 'N',
    query: null,
    split_file_flag: 'N',
    split_prefix: null,
    escape_char: null,
    trailer_pstn: null,
    oprtnl_flag: 'A',
    created_date: '2024-01-01 00:00:00',
    modified_date: '2024-01-01 00:00:00',
    file_pattern: null,
    min_size_bytes: null,
    max_errors: null,
    max_expansion_ratio: null,
    null_as: null,
    empty_as_null: null,
    blanks_as_null: null,
    truncate_columns: null,
    accept_any_date: null,
    csv_quote: null,
    date_format: null,
    time_format: null,
    check_header_flag: null,
    output_compression: null,
    output_parts: null,
    backslash_escape: null,
    ignore_header_rows: null,
    fill_record: null,
    trim_blanks: null,
    round_decimals: null,
    accept_inv_chars: null,
    inv_char_replacement: null,
    input_compression: null,
    json_paths: null,
    duplicate_policy: null,
    resend_policy: null,
    sequence_source: null,
    sequence_pattern: null,
    sequence_pstn: null,
    sequence_policy: null,
    due_time: null,
    due_timezone: null,
    due_days: null,
    control_sum_column: null,
    control_sum_pstn: null,
    control_hash_pstn: null,
    control_hash_algorithm: null,
    lineage_flag: null,
    ...overrides,
  };
}

export function detailRows(
  columns: Array<string | { name: string; width?: number | null; order?: string; active?: boolean }>,
): FileConfigDetailRow[] {
  return columns.map((column, i) => {
    const spec = typeof column === 'string' ? { name: column } : column;
    return {
      ext_file_config_dtl_sid: 100 + i,
      ext_file_config_sid: 4,
      column_name: spec.name,
      column_width_fixed: spec.width === undefined || spec.width === null ? null : String(spec.width),
      column_order_sqnc: spec.order ?? String(i + 1),
      oprtnl_flag: spec.active === false ? 'I' : 'A',
      created_date: '2024-01-01 00:00:00',
      modified_date: '2024-01-01 00:00:00',
    };
  });
}
