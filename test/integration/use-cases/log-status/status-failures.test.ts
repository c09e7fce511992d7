import { describe, expect, it } from 'vitest';
import type { LocalObjectStore } from '../../../../lib/adapters/local/local-object-store.js';
import { TransientError } from '../../../../lib/core/errors.js';
import { rejectedRowColumns, rejectedRowsSql } from '../../../../lib/core/load-sql/rejected-rows.js';
import { databaseTargets } from '../../../support/databases.js';
import { delegatingStore } from '../../../support/delegating-store.js';
import { describedLoad, describedStatement } from '../../../support/statement-descriptions.js';
import {
  auditRow,
  CUSTOM_ERROR,
  exampleEvent,
  type Harness,
  keysIn,
  LOAD_ID,
  openHarness,
  REJECTS_ID,
  RUN_ID,
  runRow,
  SAMPLE_FILE,
  seedSubmittedRun,
  TRANSFORM_ID,
} from './status-harness.js';

const stamp = '2026-11-21-09-05-00';

async function withHarness(
  target: (typeof databaseTargets)[number],
  work: (h: Harness) => Promise<void>,
  options: Parameters<typeof openHarness>[1] = {},
) {
  const harness = await openHarness(target, options);
  try {
    await work(harness);
  } finally {
    await harness.close();
  }
}

const genericCopyError =
  "ERROR: Load into table 'ferry_stage' failed. Check 'sys_load_error_detail' system table for details.";

/** A submitted run whose COPY failed outright: its notification waits for the follow-up reading the reason. */
async function failCopyAwaitingDetail(h: Harness): Promise<string> {
  await seedSubmittedRun(h);
  h.warehouse.script(
    describedLoad({ id: LOAD_ID, status: 'FAILED', error: genericCopyError, copyQueryId: 4712 }),
  );
  h.warehouse.willAssign(REJECTS_ID);
  await h.handler(await exampleEvent('load-failed'));
  return genericCopyError;
}

async function setRule(h: Harness, patch: { query?: string | null; max_errors?: number }) {
  await h.database.db
    .updateTable('rdscnfg.ext_file_config')
    .set(patch)
    .where('ext_file_config_sid', '=', 4)
    .execute();
}

/** A store whose copies fail while `failing` is true: S3 refusing CopyObject. */
function failingCopies(store: LocalObjectStore) {
  const state = { failing: true };
  const wrapped = delegatingStore(store, {
    copy: (from, to) =>
      state.failing
        ? Promise.reject(new TransientError('S3 CopyObject failed: SlowDown'))
        : store.copy(from, to),
  });
  return { state, wrapped };
}

describe.each(databaseTargets)('status function failure handling on $name', (target) => {
  it('renders hostile file names as single literals in the post-load SQL and archives them', async () => {
    await withHarness(target, async (h) => {
      const fileName = "PROD_x'; drop table rdsftcore.dc_x_pa_flavor; --_527.txt";
      await seedSubmittedRun(h, { fileName });
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));

      await h.handler(await exampleEvent('load-finished'));

      expect(h.warehouse.submissions.map((s) => s.sqls)).toEqual([
        [
          "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', " +
            "'PROD_x''; drop table rdsftcore.dc_x_pa_flavor; --_527.txt', '2026-11-21 14:05:00.500');",
        ],
      ]);
      expect(await keysIn(h.store, 'archive/527/')).toContain(`archive/527/${fileName}_${stamp}`);
    });
  });

  it('renders every placeholder of this run, backslashes and quotes included', async () => {
    await withHarness(target, async (h) => {
      await setRule(h, {
        query:
          "insert into audit_log select {{run_id}}, '{{interface_cid}}', {{target_table}}, {{file_name}}, {{loaded_at}}::timestamp; -- {{file_name}}",
      });
      await seedSubmittedRun(h, { fileName: "a\\b'c;_527.txt" });
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));

      await h.handler(await exampleEvent('load-finished'));

      expect(h.warehouse.submissions[0]?.sqls).toEqual([
        `insert into audit_log select '${RUN_ID}', '527', 'rdsftetl.dc_x_pa_flavor', ('a' || chr(92) || 'b''c;_527.txt'), ` +
          "'2026-11-21 14:05:00.500'::timestamp; -- {{file_name}}",
      ]);
    });
  });

  it('ends the run TRANSFORM_FAILED with the error when the post-load SQL does not render', async () => {
    await withHarness(target, async (h) => {
      await setRule(h, { query: 'call x({{no_such_value}});' });
      const { auditId } = await seedSubmittedRun(h);
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));

      await h.handler(await exampleEvent('load-finished'));

      expect(h.warehouse.submissions).toEqual([]);
      expect((await runRow(h)).state).toBe('TRANSFORM_FAILED');
      const audit = await auditRow(h, auditId);
      expect(audit.file_process_status).toBe('TRANSFORM_FAILED');
      expect(audit.error_msg).toMatch(
        /^expected a placeholder among \{\{file_name\}\}.*found \{\{no_such_value\}\}$/,
      );
      expect(h.recorder.messages.map((m) => [m.status, m.success, m.customErrorMessage])).toEqual([
        ['TRANSFORM_FAILED', false, CUSTOM_ERROR],
      ]);
    });
  });

  it("audits a failed post-load SQL as TRANSFORM_FAILED with Redshift's error and notifies the failure once", async () => {
    await withHarness(target, async (h) => {
      const { auditId } = await seedSubmittedRun(h);
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));
      h.warehouse.willAssign(TRANSFORM_ID);
      await h.handler(await exampleEvent('load-finished'));
      h.warehouse.script(
        describedStatement({
          id: TRANSFORM_ID,
          status: 'FAILED',
          error: 'ERROR: relation "rdsftcore.dc_x_pa_flavor" does not exist',
        }),
      );
      const event = await exampleEvent('transform-failed');

      const outcomes = [await h.handler(event), await h.handler(event)];

      expect(outcomes.map((o) => o.result)).toEqual(['recorded', 'unchanged']);
      const run = await runRow(h);
      expect([run.state, run.error]).toEqual([
        'TRANSFORM_FAILED',
        'ERROR: relation "rdsftcore.dc_x_pa_flavor" does not exist',
      ]);
      expect(await auditRow(h, auditId)).toMatchObject({
        file_process_status: 'TRANSFORM_FAILED',
        file_prcsd_flag: 'Y',
        error_msg: 'ERROR: relation "rdsftcore.dc_x_pa_flavor" does not exist',
        merge_query: `call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', '${SAMPLE_FILE}', '2026-11-21 14:05:00.500');`,
      });
      expect(h.recorder.messages.map((m) => [m.status, m.error])).toEqual([
        ['TRANSFORM_FAILED', 'ERROR: relation "rdsftcore.dc_x_pa_flavor" does not exist'],
      ]);
    });
  });

  it('rethrows a notifier failure and notifies exactly once on the retry', async () => {
    await withHarness(target, async (h) => {
      await setRule(h, { query: null });
      await seedSubmittedRun(h);
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));
      h.recorder.failures = 1;
      const event = await exampleEvent('load-finished');

      await expect(h.handler(event)).rejects.toThrow('SNS Publish failed: ServiceUnavailable');
      expect((await runRow(h)).state).toBe('LOADED');
      // The notification stays pending, with its message, for the retry to publish.
      const pending = await h.database.db
        .selectFrom('rdscnfg.ferry_notification')
        .select(['status', 'sent_at', 'claimed_at'])
        .execute();
      expect(pending).toEqual([{ status: 'FINISHED', sent_at: null, claimed_at: null }]);
      expect(h.logLines.some((l) => l.msg === 'statement status not recorded' && l.runId === RUN_ID)).toBe(
        true,
      );

      await h.handler(event);
      await h.handler(event);

      expect(h.recorder.messages.map((m) => m.status)).toEqual(['FINISHED']);
      const sent = await h.database.db
        .selectFrom('rdscnfg.ferry_notification')
        .select(['run_id', 'status'])
        .where('sent_at', 'is not', null)
        .execute();
      expect(sent).toEqual([{ run_id: RUN_ID, status: 'FINISHED' }]);
    });
  });

  it('keeps the file in the input and the run SUBMITTED when the archive copy fails, and finishes on the retry', async () => {
    let control: { failing: boolean } | undefined;
    await withHarness(
      target,
      async (h) => {
        const { auditId, original } = await seedSubmittedRun(h);
        h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3 }));
        const event = await exampleEvent('load-finished');

        await expect(h.handler(event)).rejects.toThrow('S3 CopyObject failed: SlowDown');

        expect(await keysIn(h.store, 'external_input/')).toEqual([original]);
        expect(await keysIn(h.store, 'archive/')).toEqual([]);
        expect((await runRow(h)).state).toBe('SUBMITTED');
        expect((await auditRow(h, auditId)).file_process_status).toBe('SUBMITTED');
        expect(h.recorder.messages).toEqual([]);

        control!.failing = false;
        await h.handler(event);

        expect((await runRow(h)).state).toBe('LOADED');
        expect(await keysIn(h.store, 'external_input/')).toEqual([]);
        expect(await keysIn(h.store, 'archive/')).toHaveLength(3);
      },
      {
        wrapStore: (store) => {
          const { state, wrapped } = failingCopies(store);
          control = state;
          return wrapped;
        },
      },
    );
  });

  it('counts rejected rows, reads their detail with a follow-up statement and stores it once beside the audit row', async () => {
    await withHarness(target, async (h) => {
      await setRule(h, { query: null, max_errors: 10 });
      const { auditId } = await seedSubmittedRun(h, { records: 5 });
      h.warehouse.script(
        describedLoad({ id: LOAD_ID, status: 'FINISHED', rowsLoaded: 3, copyQueryId: 4711 }),
      );
      h.warehouse.willAssign(REJECTS_ID);

      await h.handler(await exampleEvent('load-finished'));

      expect(await auditRow(h, auditId)).toMatchObject({
        file_process_status: 'FINISHED',
        rows_rejected: 2,
        error_msg: `loaded with 2 rejected rows (max_errors 10); \`ferry errors ${auditId}\` lists them`,
      });
      expect(h.recorder.messages.map((m) => [m.rowsLoaded, m.rowsRejected, m.success])).toEqual([
        [3, 2, false],
      ]);
      expect(h.warehouse.submissions.map(({ name, sqls, withEvent }) => ({ name, sqls, withEvent }))).toEqual(
        [{ name: `ferry-rejects:${RUN_ID}`, sqls: [rejectedRowsSql(4711)], withEvent: true }],
      );
      h.warehouse.script(
        describedStatement({ id: REJECTS_ID, status: 'FINISHED', subStatements: [{ resultRows: 2 }] }),
      );
      h.warehouse.scriptResults(`${REJECTS_ID}:1`, {
        columns: [...rejectedRowColumns],
        rows: [
          [
            4711,
            's3://ferry-bucket/processing/x',
            2,
            'price',
            'numeric',
            30,
            1207,
            "Invalid digit, Value 'x'",
          ],
          [
            4711,
            's3://ferry-bucket/processing/x',
            4,
            'effective_date',
            'date',
            20,
            1205,
            'Invalid date format',
          ],
        ],
      });
      const event = await exampleEvent('rejects-finished');

      await h.handler(event);
      await h.handler(event);

      const stored = await h.database.db
        .selectFrom('rdscnfg.ferry_load_error')
        .select(['run_id', 'ext_file_audit_sid', 'line_number', 'column_name', 'error_code', 'reason'])
        .orderBy('line_number')
        .execute();
      expect(stored).toEqual([
        {
          run_id: RUN_ID,
          ext_file_audit_sid: auditId,
          line_number: 2,
          column_name: 'price',
          error_code: 1207,
          reason: "Invalid digit, Value 'x'",
        },
        {
          run_id: RUN_ID,
          ext_file_audit_sid: auditId,
          line_number: 4,
          column_name: 'effective_date',
          error_code: 1205,
          reason: 'Invalid date format',
        },
      ]);
      expect((await runRow(h)).state).toBe('LOADED');
    });
  });
  // https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html: line_number, column_name, error_code, error_message
  it("adds the failed COPY's row-level reason from sys_load_error_detail to the run's error and audit row", async () => {
    await withHarness(target, async (h) => {
      const { auditId } = await seedSubmittedRun(h);
      const generic =
        "ERROR: Load into table 'ferry_stage' failed. Check 'sys_load_error_detail' system table for details.";
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FAILED', error: generic, copyQueryId: 4712 }));
      h.warehouse.willAssign(REJECTS_ID);

      await h.handler(await exampleEvent('load-failed'));

      expect((await auditRow(h, auditId)).error_msg).toBe(generic);
      // Held for the reason the follow-up reads, so subscribers are told why, once.
      expect(h.recorder.messages).toEqual([]);
      expect(h.warehouse.submissions.map(({ name, sqls, withEvent }) => ({ name, sqls, withEvent }))).toEqual(
        [{ name: `ferry-rejects:${RUN_ID}`, sqls: [rejectedRowsSql(4712)], withEvent: true }],
      );
      h.warehouse.script(
        describedStatement({ id: REJECTS_ID, status: 'FINISHED', subStatements: [{ resultRows: 1 }] }),
      );
      h.warehouse.scriptResults(`${REJECTS_ID}:1`, {
        columns: [...rejectedRowColumns],
        rows: [
          [
            4712,
            's3://ferry-bucket/processing/x',
            2,
            'price',
            'numeric',
            0,
            1207,
            "Invalid digit, Value 'x', Pos 0, Type: Decimal",
          ],
        ],
      });
      const event = await exampleEvent('rejects-finished');

      await h.handler(event);
      await h.handler(event);

      const expected = `${generic} — first rejected row: line 2, column price, error 1207: Invalid digit, Value 'x', Pos 0, Type: Decimal`;
      expect((await auditRow(h, auditId)).error_msg).toBe(expected);
      expect(await runRow(h)).toMatchObject({ state: 'FAILED', error: expected });
      expect(h.recorder.messages.map(({ status, error }) => ({ status, error }))).toEqual([
        { status: 'FAILED', error: expected },
      ]);
      const stored = await h.database.db
        .selectFrom('rdscnfg.ferry_load_error')
        .select(['line_number', 'column_name', 'error_code', 'reason'])
        .execute();
      expect(stored).toEqual([
        {
          line_number: 2,
          column_name: 'price',
          error_code: 1207,
          reason: "Invalid digit, Value 'x', Pos 0, Type: Decimal",
        },
      ]);
    });
  });

  it("publishes a failed COPY's held notification once its hold expires, and only once", async () => {
    await withHarness(target, async (h) => {
      const generic = await failCopyAwaitingDetail(h);

      // A repeated load event within the hold publishes nothing; one after it has expired publishes the notice.
      await h.handler(await exampleEvent('load-failed'));
      expect(h.recorder.messages).toEqual([]);
      await h.database.db
        .updateTable('rdscnfg.ferry_notification')
        .set({ held_until: new Date(Date.now() - 1000) })
        .execute();
      await h.handler(await exampleEvent('load-failed'));
      expect(h.recorder.messages.map(({ status, error }) => ({ status, error }))).toEqual([
        { status: 'FAILED', error: generic },
      ]);

      // The follow-up failing afterwards publishes nothing more.
      h.warehouse.script(
        describedStatement({ id: REJECTS_ID, status: 'FAILED', error: 'permission denied' }),
      );
      await h.handler(await exampleEvent('rejects-finished'));
      expect(h.recorder.messages).toHaveLength(1);
    });
  });

  it("publishes a failed COPY's held notification with the generic text when the follow-up itself fails", async () => {
    await withHarness(target, async (h) => {
      const generic = await failCopyAwaitingDetail(h);
      h.warehouse.script(
        describedStatement({ id: REJECTS_ID, status: 'FAILED', error: 'permission denied' }),
      );

      await h.handler(await exampleEvent('rejects-finished'));

      expect(h.recorder.messages.map(({ status, error }) => ({ status, error }))).toEqual([
        { status: 'FAILED', error: generic },
      ]);
    });
  });
});
