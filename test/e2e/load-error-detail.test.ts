// A COPY that fails outright on the local stand-in: the audit row and the errors command say which row and why.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { warehouseCliTargets } from '../integration/cli/cli-targets.js';

const fileName = 'PROD_20240101_000000000_PA_FLAVOR_527.txt';

// https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
describe.each(warehouseCliTargets)('a failed load on $name', (target) => {
  it("audits and notifies the failing row's line, column, error code and value, not just the generic COPY error", async () => {
    const ws = await target.create();
    const dir = await mkdtemp(join(tmpdir(), 'ferry-load-error-'));
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      await writeFile(
        join(dir, fileName),
        '101|VAN01|Vanilla|Classic|2015-10-16|4.35|Y\n102|CHOC02|Chocolate|Classic|2015-10-16|4.x5|Y\nTRL0000000002\n',
      );
      const put = await ws.run('--json', 'put', join(dir, fileName));
      const [outcome] = JSON.parse(put.out);
      expect(outcome.state).toBe('FAILED');

      const audit = await ws.run(
        '--json',
        'sql',
        `select error_msg from rdscnfg.ext_file_audit where ext_file_audit_sid = ${Number(outcome.auditId)}`,
      );
      const [{ error_msg: message }] = JSON.parse(audit.out)[0].rows;
      expect(message).toContain("Check 'sys_load_error_detail' system table for details.");
      expect(message).toMatch(
        / — first rejected row: line 2, column price, error 1209: Invalid digit, Value '4\.x5'/,
      );

      // Subscribers read the same reason: the notification waited for it.
      const outbox = await ws.run(
        '--json',
        'sql',
        `select body from rdscnfg.ferry_outbox where channel = 'sns' and run_id = '${outcome.runId}'`,
      );
      const notices = JSON.parse(outbox.out)[0].rows;
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain(
        "first rejected row: line 2, column price, error 1209: Invalid digit, Value '4.x5'",
      );

      const listed = JSON.parse((await ws.run('--json', 'errors', outcome.runId)).out);
      expect(listed.rejected).toHaveLength(1);
      expect(listed.rejected[0]).toMatchObject({ line: 2, column: 'price' });
    } finally {
      await rm(dir, { recursive: true, force: true });
      await ws.dispose();
    }
  }, 600_000);
});
