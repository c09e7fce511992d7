import { describe, expect, it } from 'vitest';
import { insertAudit, recordAuditOutcome } from '../../../lib/records/audit.js';
import { claimRun, retireRun, transitionRun } from '../../../lib/records/runs.js';
import { databaseTargets } from '../../support/databases.js';

const object = { bucket: 'feeds', key: 'external_input/a_527.txt', etag: '"abc"', size: 10 };

describe.each(databaseTargets)('run ledger on $name', (target) => {
  it('grants exactly one of 20 concurrent claims of the same object', async () => {
    const database = await target.open();
    try {
      const claims = await Promise.all(Array.from({ length: 20 }, () => claimRun(database.db, object)));
      const winners = claims.filter((c) => c.claimed);
      expect(winners).toHaveLength(1);
      expect(new Set(claims.map((c) => c.run.id))).toEqual(new Set([winners[0]?.run.id]));
    } finally {
      await database.close();
    }
  });

  it('treats new content under the same key as a new run, and a retired run as claimable again', async () => {
    const database = await target.open();
    try {
      const first = await claimRun(database.db, object);
      const changed = await claimRun(database.db, { ...object, etag: '"def"' });
      expect(changed.claimed).toBe(true);
      await retireRun(database.db, first.run.id);
      const again = await claimRun(database.db, object);
      expect(again.claimed).toBe(true);
      expect(again.run.id).not.toBe(first.run.id);
    } finally {
      await database.close();
    }
  });

  it('moves a run only from an expected state, so a repeated event changes nothing', async () => {
    const database = await target.open();
    try {
      const { run } = await claimRun(database.db, object);
      const submitted = await transitionRun(database.db, run.id, ['RECEIVED'], 'SUBMITTED', {
        statement_id: 's1',
      });
      expect(submitted?.state).toBe('SUBMITTED');
      expect(submitted?.statement_id).toBe('s1');
      const [a, b] = await Promise.all([
        transitionRun(database.db, run.id, ['SUBMITTED'], 'LOADED', { rows_loaded: 3 }),
        transitionRun(database.db, run.id, ['SUBMITTED'], 'FAILED', { error: 'late' }),
      ]);
      expect([a?.state, b?.state].filter(Boolean)).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('writes the seed-compatible audit row in the configured timezone and trims long errors', async () => {
    const database = await target.open();
    try {
      await database.runScript(
        `insert into rdscnfg.ext_interface (ext_interface_cid, interface_name) values (527, 'NDC_X_PA_TYPE')`,
      );
      const auditId = await insertAudit(database.db, {
        runId: 'r1',
        fileName: 'a_527.txt',
        objectKey: 'external_input/a_527.txt',
        status: 'SUBMITTED',
        interfaceId: '527',
        ruleId: 4,
        target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
        startedAt: new Date('2026-01-15T12:00:00.000Z'),
        timezone: 'America/New_York',
      });
      await recordAuditOutcome(database.db, auditId, {
        status: 'FAILED',
        processed: false,
        endedAt: new Date('2026-01-15T12:00:05.000Z'),
        timezone: 'America/New_York',
        errorMessage: 'x'.repeat(5000),
      });
      const row = await database.db
        .selectFrom('rdscnfg.ext_file_audit')
        .selectAll()
        .where('ext_file_audit_sid', '=', auditId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        ext_interface_cid: '527',
        file_process_status: 'FAILED',
        file_prcsd_flag: 'N',
        start_time: '2026-01-15 07:00:00',
        end_time: '2026-01-15 07:00:05',
        file_name: 'a_527.txt',
      });
      expect(row.error_msg).toHaveLength(4000);
    } finally {
      await database.close();
    }
  });
});
