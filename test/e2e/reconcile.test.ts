// `ferry reconcile`: a run whose statement the warehouse no longer knows fails into archive/error/, and reprocess loads it.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTargets } from '../integration/cli/cli-targets.js';

const good = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';

describe.each(cliTargets)('ferry reconcile on $name', (target) => {
  it('fails an overdue run whose statement is unknown (kept 24 hours), then `ferry reprocess` loads the file', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      const input = join(ws.dir, 'bucket', 'external_input');
      await mkdir(input, { recursive: true });
      await copyFile(join('sql/samples/files', good), join(input, good));
      const etag = createHash('md5')
        .update(await readFile(join(input, good)))
        .digest('hex');
      const database = await ws.open();
      try {
        // Submitted an hour ago, its statement long gone from the Data API, its event never delivered.
        await database.runScript(`
          with audit as (
            insert into rdscnfg.ext_file_audit (ext_interface_cid, tgt_schema_name, tgt_table_name, file_process_status,
              file_process_date, file_prcsd_flag, start_time, end_time, run_id, file_name, object_key)
            values (527, 'rdsftetl', 'dc_x_pa_flavor', 'SUBMITTED', now(), 'N', now(), now(), 'lost-run-1', '${good}',
              'external_input/${good}')
            returning ext_file_audit_sid)
          insert into rdscnfg.ferry_run (run_id, bucket, object_key, etag, state, ext_file_audit_sid, statement_id,
            ext_file_config_sid, ext_interface_cid, updated_at)
          select 'lost-run-1', 'ferry-local', 'external_input/${good}', '${etag}', 'SUBMITTED', ext_file_audit_sid,
            '00000000-0000-4000-8000-000000000001', 4, 527, now() - interval '1 hour' from audit`);
      } finally {
        await database.close();
      }

      const pass = await ws.run('--json', 'reconcile');
      const again = await ws.run('reconcile');

      expect(pass.code).toBe(0);
      expect(JSON.parse(pass.out)).toEqual({
        runs: [
          {
            run: 'lost-run-1',
            action: 'failed',
            detail: expect.stringContaining(
              'failed FAILED expected the warehouse to know load statement 00000000-0000-4000-8000-000000000001 of run lost-run-1, found it unknown',
            ),
          },
        ],
        more: false,
        notified: 0,
        held: { released: [], overdue: 0 },
        late: 0,
      });
      expect([again.code, again.out.trim()]).toEqual([0, 'no overdue runs']);
      expect(await readdir(input).catch(() => [])).toEqual([]);
      const failed = await readdir(join(ws.dir, 'bucket', 'archive', 'error'));
      // The directory bucket keeps each object's ETag beside it in a dot file.
      expect(failed.filter((name) => !name.startsWith('.'))).toEqual([
        expect.stringMatching(new RegExp(`^${good}_\\d{4}-\\d{2}-\\d{2}-`)),
      ]);

      const reprocessed = await ws.run('reprocess', 'lost-run-1');
      expect(reprocessed.code).toBe(0);
      expect(reprocessed.out).toMatch(new RegExp(`external_input/${good} {2}TRANSFORMED {2}6 rows`));
    } finally {
      await ws.dispose();
    }
  });
});
