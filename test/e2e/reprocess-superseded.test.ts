// `ferry reprocess` of a run stuck in SUBMITTED: the old audit row is marked SUPERSEDED, not left SUBMITTED for ever.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTargets } from '../integration/cli/cli-targets.js';

const good = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';

describe.each(cliTargets)('reprocessing a stuck run on $name', (target) => {
  it('marks the stuck run’s SUBMITTED audit row SUPERSEDED, saying why, and audits the new run on its own', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      const input = join(ws.dir, 'bucket', 'external_input');
      await mkdir(input, { recursive: true });
      await copyFile(join('sql/samples/files', good), join(input, good));
      // A run whose statement outcome never came back (its process was killed while the load ran).
      const database = await ws.open();
      try {
        await database.runScript(`
          with audit as (
            insert into rdscnfg.ext_file_audit (ext_interface_cid, tgt_schema_name, tgt_table_name, file_process_status,
              file_process_date, file_prcsd_flag, start_time, end_time, run_id, file_name, object_key)
            values (527, 'rdsftetl', 'dc_x_pa_flavor', 'SUBMITTED', now(), 'N', now(), now(), 'stuck-run-1', '${good}',
              'external_input/${good}')
            returning ext_file_audit_sid)
          insert into rdscnfg.ferry_run (run_id, bucket, object_key, etag, state, ext_file_audit_sid, statement_id)
          select 'stuck-run-1', 'ferry-local', 'external_input/${good}', 'old-etag', 'SUBMITTED', ext_file_audit_sid,
            '00000000-0000-4000-8000-000000000001' from audit`);
      } finally {
        await database.close();
      }

      const again = await ws.run('reprocess', 'stuck-run-1');
      expect(again.code).toBe(0);
      expect(again.out).toMatch(new RegExp(`external_input/${good} {2}TRANSFORMED {2}6 rows`));

      const check = await ws.open();
      try {
        const [rows] = await check.runScript(
          'select run_id, file_process_status, error_msg from rdscnfg.ext_file_audit order by ext_file_audit_sid',
        );
        expect(rows?.rows).toEqual([
          {
            run_id: 'stuck-run-1',
            file_process_status: 'SUPERSEDED',
            error_msg: `superseded while SUBMITTED: reprocessed with \`ferry reprocess\`; the new run of external_input/${good} has its own audit row`,
          },
          {
            run_id: expect.not.stringMatching(/^stuck-run-1$/),
            file_process_status: 'TRANSFORMED',
            error_msg: null,
          },
        ]);
      } finally {
        await check.close();
      }
    } finally {
      await ws.dispose();
    }
  }, 400_000);
});
