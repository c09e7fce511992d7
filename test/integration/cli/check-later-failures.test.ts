// `ferry check` catches what used to pass and fail later: post-load SQL that cannot render, overlapping globs,
// split codes that cut a part's name.
import { describe, expect, it } from 'vitest';
import { cliTargets } from './cli-targets.js';

describe.each(cliTargets)('ferry check on rules that would fail only at run time on $name', (target) => {
  it('names each rule, with what it expected and what it found, and exits 1', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      const broken = await ws.run(
        'sql',
        [
          "update rdscnfg.ext_file_config set query = 'call x({{file_name}}, {{loaded}});' where ext_file_config_sid = 4",
          "update rdscnfg.ext_file_config set file_pattern = 'PROD_*.txt' where ext_file_config_sid = 4",
          "update rdscnfg.ext_file_config set file_pattern = '*_527.txt', file_type = 'txt' where ext_file_config_sid = 6",
          "update rdscnfg.ext_file_config set split_prefix = 'H_1,D1' where ext_file_config_sid = 7",
        ].join(';\n'),
      );
      expect(broken.code).toBe(0);
      const check = await ws.run('check');
      expect(check.code).toBe(1);
      expect(check.out.trimEnd().split('\n')).toEqual([
        'rule 4 query: expected a placeholder among {{file_name}}, {{run_id}}, {{loaded_at}}, {{interface_cid}}, {{target_table}}, found {{loaded}} (the rows would load, then the run end TRANSFORM_FAILED)',
        "rule 6 file_pattern: expected no file name to match two active rules, found 'PROD_527.txt' matching both '*_527.txt' and rule 4's 'PROD_*.txt'",
        "rule 7 split_prefix: expected record-type codes without '_', '.', '/', '\\' or control characters (they cut the part's name, so the part would match another rule), found 'H_1' in 'H_1,D1'",
      ]);
    } finally {
      await ws.dispose();
    }
  }, 400_000);
});
