// `ferry check`, `ferry explain` and `ferry rules` on rules that use migration 2026-12-07-007's control totals and lineage.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTargets } from './cli-targets.js';

const rules = `
insert into rdscnfg.ext_interface (ext_interface_cid, interface_name) values (960, 'TOTALS');
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
  file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, trailer_pstn, split_file_flag,
  control_sum_column, control_sum_pstn, control_hash_pstn, lineage_flag)
values (960, 960, 'ct', 'totals', '960.', 'txt', 'txt', '|', 'N', 'Y', '4:9', 'N', 'amount', '9:21', '21:85', 'Y');
insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
  file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, trailer_pstn, split_file_flag,
  control_sum_pstn, control_hash_algorithm)
values (961, 960, 'ct', 'broken', '961.', 'txt', 'txt', '|', 'N', 'Y', '4:9', 'N', '5:12', 'md5');
insert into rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name,
  column_order_sqnc)
values (9600, 960, 'id', 1), (9601, 960, 'amount', 2), (9610, 961, 'id', 1);
`;

describe.each(cliTargets)('ferry check, explain and rules with control totals on $name', (target) => {
  it('lists what a rule cannot declare, and explains the checks and the lineage SQL of a valid one', async () => {
    const ws = await target.create();
    try {
      await ws.run('migrate');
      expect((await ws.run('sql', rules)).code).toBe(0);

      const check = await ws.run('check');
      expect(check.code).toBe(1);
      expect(check.out.trimEnd().split('\n')).toEqual([
        'rule 960 tgt_table_name: expected table ct.totals in the warehouse, found no such table',
        'rule 961 control_sum_column: expected the column whose values the trailer sums, as control_sum_pstn is set, found null',
        "rule 961 control_hash_pstn: expected the digest's 'S:E' in the trailer, as control_hash_algorithm is set, found null",
        "rule 961 control_sum_pstn: characters 5-11 overlap trailer_pstn's 4-8 in the trailer",
      ]);

      const listed = await ws.run('rules');
      expect(listed.out).toContain(
        'control sum amount at 9:21; control sha256 at 21:85; lineage source_line_number, source_version',
      );

      const data = ['1|0.1', '2|0.2'];
      const digest = createHash('sha256')
        .update(data.map((line) => `${line}\n`).join(''))
        .digest('hex');
      const file = join(ws.dir, 'TOTALS_960.txt');
      await writeFile(file, `${data.join('\n')}\nTRL00002${'0.3'.padStart(12)}${digest}\n`);
      const explained = await ws.run('explain', file);
      expect(explained.out).toContain(
        'control_sum passed (sum 0.3 of 2 values); control_hash passed (sha256 ' +
          `${digest}); rows carry source_line_number and source_version (row lineage)`,
      );
      expect(explained.out).toContain('COPY "ferry_stage" ("source_line_number", "id", "amount") FROM');
    } finally {
      await ws.dispose();
    }
  }, 120_000);
});
