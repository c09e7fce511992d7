// `ferry check` and `ferry explain` on rules that use migration 2026-12-02-013's COPY option columns.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTargets } from './cli-targets.js';

const rules = `
insert into rdscnfg.ext_interface (ext_interface_cid, interface_name) values (950, 'OPTS');
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
  file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, split_file_flag,
  backslash_escape, ignore_header_rows, fill_record, trim_blanks, round_decimals, inv_char_replacement)
values (950, 950, 'opts', 'escaped', '950.', 'txt', 'txt', '|', 'N', 'N', 'N', 'Y', 2, 'Y', 'Y', 'Y', '^');
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
  file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, split_file_flag, backslash_escape,
  input_compression)
values (951, 950, 'opts', 'quoted', '951.', 'csv', 'csv', ',', 'N', 'N', 'N', 'Y', 'lz4');
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
  file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, trailer_pstn, split_file_flag,
  ignore_header_rows, accept_inv_chars)
values (952, 950, 'opts', 'trailed', '952.', 'txt', 'txt', '|', 'N', 'Y', '4:14', 'N', 2, 'N');
insert into rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name,
  column_order_sqnc)
values (9500, 950, 'id', 1), (9501, 950, 's', 2), (9510, 951, 'id', 1), (9520, 952, 'id', 1);
`;

describe.each(cliTargets)('ferry check and explain with the COPY option columns on $name', (target) => {
  it('lists the options a rule cannot combine, and explains the COPY a valid one sends', async () => {
    const ws = await target.create();
    try {
      await ws.run('migrate');
      expect((await ws.run('sql', rules)).code).toBe(0);

      const check = await ws.run('check');
      expect(check.code).toBe(1);
      // No target tables exist in this workspace's warehouse: check says so for each rule whose config is valid.
      expect(check.out.trimEnd().split('\n')).toEqual([
        'rule 950 tgt_table_name: expected table opts.escaped in the warehouse, found no such table',
        "rule 951 input_compression: expected one of none, gzip, bzip2, lzop, zstd or null, found 'lz4'",
        'rule 952 ignore_header_rows: expected ignore_header_rows only on a rule whose file is loaded as it is, ' +
          "found it with trailer_flag: Ferry's own reading skips header_flag's one line, not IGNOREHEADER's",
        'rule 952 tgt_table_name: expected table opts.trailed in the warehouse, found no such table',
      ]);
      // Once its compression is valid, rule 951's ESCAPE on a CSV rule is refused as Redshift refuses it.
      await ws.run(
        'sql',
        'update rdscnfg.ext_file_config set input_compression = null where ext_file_config_sid = 951',
      );
      expect((await ws.run('check')).out).toContain(
        'rule 951 backslash_escape: COPY cannot combine ESCAPE with the csv layout (file_format csv)',
      );

      const file = join(ws.dir, 'OPTS_950.txt');
      await writeFile(file, 'title\nid|s\n1|a\\|b\n');
      const explained = await ws.run('explain', file);
      expect(explained.out).toContain(
        "DELIMITER AS '|' ESCAPE IGNOREHEADER 2 IGNOREBLANKLINES FILLRECORD TRIMBLANKS ROUNDEC " +
          "DATEFORMAT 'auto' TIMEFORMAT 'auto' ACCEPTINVCHARS AS '^' ACCEPTANYDATE",
      );
    } finally {
      await ws.dispose();
    }
  });
});
