import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../support/databases.js';
import { describedLoad, describedStatement } from '../../../support/statement-descriptions.js';
import {
  auditRow,
  CUSTOM_ERROR,
  exampleEvent,
  type Harness,
  keysIn,
  LOAD_ID,
  openHarness,
  outboxRows,
  RUN_ID,
  runRow,
  SAMPLE_FILE,
  seedSubmittedRun,
  TRANSFORM_ID,
} from './status-harness.js';

const stamp = '2026-11-21-09-05-00';
const archived = (name: string) => [
  `archive/527/${name}_${stamp}`,
  `archive/527/preprocessed_file_${name}.manifest_${stamp}`,
  `archive/527/preprocessed_file_${name}_${stamp}`,
];
const loadFinished = describedLoad({
  id: LOAD_ID,
  name: `ferry:${RUN_ID}`,
  status: 'FINISHED',
  rowsLoaded: 3,
});
const renderedSql = (fileLiteral: string) =>
  `call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', ${fileLiteral}, '2026-11-21 14:05:00.500');`;

async function withHarness(target: (typeof databaseTargets)[number], work: (h: Harness) => Promise<void>) {
  const harness = await openHarness(target);
  try {
    await work(harness);
  } finally {
    await harness.close();
  }
}

async function withoutPostLoadSql(h: Harness) {
  await h.database.db
    .updateTable('rdscnfg.ext_file_config')
    .set({ query: null })
    .where('ext_file_config_sid', '=', 4)
    .execute();
}

describe.each(databaseTargets)('status function on $name', (target) => {
  it('archives a finished load, audits it and submits the rendered post-load SQL, notifying only after it ran', async () => {
    await withHarness(target, async (h) => {
      const { auditId } = await seedSubmittedRun(h);
      h.warehouse.script(loadFinished);
      h.warehouse.willAssign(TRANSFORM_ID);

      const outcome = await h.handler(await exampleEvent('load-finished'));

      expect(outcome).toEqual({ result: 'recorded', runId: RUN_ID, kind: 'load', state: 'LOADED' });
      expect(await keysIn(h.store)).toEqual(archived(SAMPLE_FILE));
      const run = await runRow(h);
      expect([run.state, run.rows_loaded, run.rows_rejected, run.transform_statement_id]).toEqual([
        'LOADED',
        3,
        0,
        TRANSFORM_ID,
      ]);
      expect(h.warehouse.submissions.map(({ name, sqls, withEvent }) => ({ name, sqls, withEvent }))).toEqual(
        [{ name: `ferry-transform:${RUN_ID}`, sqls: [renderedSql(`'${SAMPLE_FILE}'`)], withEvent: true }],
      );
      const audit = await auditRow(h, auditId);
      expect(audit).toMatchObject({
        file_process_status: 'FINISHED',
        file_prcsd_flag: 'Y',
        rows_loaded: 3,
        rows_rejected: 0,
        error_msg: null,
        end_time: '2026-11-21 09:05:05',
        statement_id: LOAD_ID,
        merge_query: renderedSql(`'${SAMPLE_FILE}'`),
      });
      expect(await outboxRows(h)).toEqual([]);
      expect(h.recorder.messages).toEqual([]);

      h.warehouse.script(
        describedStatement({
          id: TRANSFORM_ID,
          status: 'FINISHED',
          createdAt: new Date('2026-11-21T14:05:10.000Z'),
          updatedAt: new Date('2026-11-21T14:05:12.000Z'),
        }),
      );
      const transformed = await h.handler(await exampleEvent('transform-finished'));

      expect(transformed).toEqual({
        result: 'recorded',
        runId: RUN_ID,
        kind: 'transform',
        state: 'TRANSFORMED',
      });
      expect((await runRow(h)).state).toBe('TRANSFORMED');
      expect(await auditRow(h, auditId)).toMatchObject({
        file_process_status: 'TRANSFORMED',
        file_prcsd_flag: 'Y',
        end_time: '2026-11-21 09:05:12',
        error_msg: null,
      });
      const payload = {
        fileName: SAMPLE_FILE,
        interface: '527',
        targetTable: 'rdsftetl.dc_x_pa_flavor',
        status: 'TRANSFORMED',
        success: true,
        rowsLoaded: 3,
        rowsRejected: 0,
        error: null,
        auditId,
        runId: RUN_ID,
        durationMs: 12000,
      };
      expect(h.recorder.messages).toEqual([{ ...payload, customErrorMessage: null }]);
      expect(await outboxRows(h)).toEqual([
        {
          run_id: RUN_ID,
          channel: 'sns',
          subject: `Ferry TRANSFORMED (succeeded): ${SAMPLE_FILE}`,
          body: [
            `Ferry processed file ${SAMPLE_FILE}.`,
            '',
            `File:          ${SAMPLE_FILE}`,
            'Interface:     527',
            'Target table:  rdsftetl.dc_x_pa_flavor',
            'Status:        TRANSFORMED',
            'Rows loaded:   3',
            'Rows rejected: 0',
            'Error:         -',
            `Audit id:      ${auditId}`,
            `Run id:        ${RUN_ID}`,
            '',
          ].join('\n'),
          attributes: {
            status: { DataType: 'String', StringValue: 'TRANSFORMED' },
            success: { DataType: 'String', StringValue: 'true' },
            interface: { DataType: 'String', StringValue: '527' },
            targetTable: { DataType: 'String', StringValue: 'rdsftetl.dc_x_pa_flavor' },
            fileName: { DataType: 'String', StringValue: SAMPLE_FILE },
            runId: { DataType: 'String', StringValue: RUN_ID },
            rowsRejected: { DataType: 'Number', StringValue: '0' },
            payload: { DataType: 'String', StringValue: JSON.stringify(payload) },
          },
        },
        {
          run_id: RUN_ID,
          channel: 'eventbridge',
          subject: 'Ferry File Status Change',
          body: JSON.stringify(payload),
          attributes: { source: 'ferry', detailType: 'Ferry File Status Change', eventBusName: 'ferry-bus' },
        },
      ]);
    });
  });

  it('notifies FINISHED at once when the rule has no post-load SQL, and records the statement id the processing function missed', async () => {
    await withHarness(target, async (h) => {
      await withoutPostLoadSql(h);
      const { auditId } = await seedSubmittedRun(h, { statementId: null });
      h.warehouse.script(loadFinished);

      await h.handler(await exampleEvent('load-finished'));

      const run = await runRow(h);
      expect([run.state, run.statement_id]).toEqual(['LOADED', LOAD_ID]);
      expect(h.warehouse.submissions).toEqual([]);
      expect(h.recorder.messages).toEqual([
        {
          fileName: SAMPLE_FILE,
          interface: '527',
          targetTable: 'rdsftetl.dc_x_pa_flavor',
          status: 'FINISHED',
          success: true,
          rowsLoaded: 3,
          rowsRejected: 0,
          error: null,
          auditId,
          runId: RUN_ID,
          durationMs: 5000,
          customErrorMessage: null,
        },
      ]);
    });
  });

  it.each([
    [
      'load-failed',
      'FAILED',
      "ERROR: Load into table 'ferry_stage' failed. Check 'sys_load_error_detail' for details.",
      "ERROR: Load into table 'ferry_stage' failed. Check 'sys_load_error_detail' for details.",
    ],
    ['load-aborted', 'ABORTED', undefined, `statement ${LOAD_ID} was aborted`],
  ] as const)(
    'moves the file to archive/error and notifies when the load is %s',
    async (eventName, status, redshiftError, expectedError) => {
      await withHarness(target, async (h) => {
        const { auditId } = await seedSubmittedRun(h);
        h.warehouse.script(
          describedLoad({
            id: LOAD_ID,
            status,
            ...(redshiftError === undefined ? {} : { error: `  ${redshiftError}\n` }),
          }),
        );

        const outcome = await h.handler(await exampleEvent(eventName));

        expect(outcome).toEqual({ result: 'recorded', runId: RUN_ID, kind: 'load', state: status });
        expect(await keysIn(h.store)).toEqual([`archive/error/${SAMPLE_FILE}_${stamp}`]);
        const run = await runRow(h);
        expect([run.state, run.error, run.rows_loaded]).toEqual([status, expectedError, 0]);
        expect(await auditRow(h, auditId)).toMatchObject({
          file_process_status: status,
          file_prcsd_flag: 'N',
          error_msg: expectedError,
          end_time: '2026-11-21 09:05:05',
        });
        expect(h.recorder.messages).toEqual([
          {
            fileName: SAMPLE_FILE,
            interface: '527',
            targetTable: 'rdsftetl.dc_x_pa_flavor',
            status,
            success: false,
            rowsLoaded: 0,
            rowsRejected: null,
            error: expectedError,
            auditId,
            runId: RUN_ID,
            durationMs: 5000,
            customErrorMessage: CUSTOM_ERROR,
          },
        ]);
        const [sns] = await outboxRows(h);
        expect(sns?.subject).toBe(`Ferry ${status} (failed): ${SAMPLE_FILE}`);
        expect(sns?.body.endsWith(`Run id:        ${RUN_ID}\n\n${CUSTOM_ERROR}\n`)).toBe(true);
        expect(sns?.attributes).toMatchObject({
          status: { DataType: 'String', StringValue: status },
          success: { DataType: 'String', StringValue: 'false' },
          interface: { DataType: 'String', StringValue: '527' },
        });
        expect(sns?.attributes).not.toHaveProperty('rowsRejected');
      });
    },
  );

  it("ignores statements that are not Ferry's without describing them", async () => {
    await withHarness(target, async (h) => {
      await seedSubmittedRun(h);
      const outcome = await h.handler(await exampleEvent('not-ferry'));
      expect(outcome).toEqual({
        result: 'ignored',
        reason: 'not-ferry',
        statementId: 'dd2e1ec9-2ee3-49a0-819f-905fa7d75a4a',
      });
      expect(h.warehouse.described).toEqual([]);
      expect((await runRow(h)).state).toBe('SUBMITTED');
      expect(
        h.logLines.some(
          (line) => line.msg === 'not a Ferry statement; ignored' && line.statementName === 'test.testtable',
        ),
      ).toBe(true);
    });
  });

  it('logs and ignores an event for a run the ledger does not know', async () => {
    await withHarness(target, async (h) => {
      const outcome = await h.handler(await exampleEvent('load-finished'));
      expect(outcome).toEqual({
        result: 'ignored',
        reason: 'unknown-run',
        statementId: LOAD_ID,
        runId: RUN_ID,
      });
      expect(h.warehouse.described).toEqual([]);
      expect(
        h.logLines.filter((line) => line.msg === 'unknown run; event ignored').map((line) => line.runId),
      ).toEqual([RUN_ID]);
    });
  });

  it('changes nothing and notifies nothing when the same FINISHED event arrives again', async () => {
    await withHarness(target, async (h) => {
      await withoutPostLoadSql(h);
      await seedSubmittedRun(h);
      h.warehouse.script(loadFinished);
      const event = await exampleEvent('load-finished');

      const first = await h.handler(event);
      const second = await h.handler(event);

      expect([first.result, second.result]).toEqual(['recorded', 'unchanged']);
      expect(await keysIn(h.store)).toEqual(archived(SAMPLE_FILE));
      expect(h.recorder.messages.map((m) => m.status)).toEqual(['FINISHED']);
      expect((await outboxRows(h)).map((row) => row.channel)).toEqual(['sns', 'eventbridge']);
    });
  });

  it('records 20 concurrent deliveries of one FINISHED event exactly once', async () => {
    await withHarness(target, async (h) => {
      await seedSubmittedRun(h);
      h.warehouse.script(loadFinished);
      h.warehouse.willAssign(TRANSFORM_ID);
      const event = await exampleEvent('load-finished');

      const outcomes = await Promise.all(Array.from({ length: 20 }, () => h.handler(event)));

      expect(outcomes.filter((o) => o.result === 'recorded')).toHaveLength(1);
      expect(await keysIn(h.store)).toEqual(archived(SAMPLE_FILE));
      expect(h.warehouse.submissions.map((s) => s.name)).toEqual([`ferry-transform:${RUN_ID}`]);
      h.warehouse.script(describedStatement({ id: TRANSFORM_ID, status: 'FINISHED' }));
      const transformEvent = await exampleEvent('transform-finished');
      await Promise.all(Array.from({ length: 20 }, () => h.handler(transformEvent)));
      expect(h.recorder.messages.map((m) => m.status)).toEqual(['TRANSFORMED']);
      expect(await outboxRows(h)).toHaveLength(2);
    });
  });

  it('leaves a loaded run alone when a FAILED event arrives after FINISHED', async () => {
    await withHarness(target, async (h) => {
      await withoutPostLoadSql(h);
      const { auditId } = await seedSubmittedRun(h);
      h.warehouse.script(loadFinished);
      await h.handler(await exampleEvent('load-finished'));
      const before = { run: await runRow(h), audit: await auditRow(h, auditId) };
      // Even a describe that now (wrongly) says FAILED cannot move a run that is past SUBMITTED.
      h.warehouse.script(describedLoad({ id: LOAD_ID, status: 'FAILED', error: 'late failure' }));

      const outcome = await h.handler(await exampleEvent('load-failed'));

      expect(outcome).toEqual({ result: 'unchanged', runId: RUN_ID, kind: 'load', state: 'LOADED' });
      expect(await runRow(h)).toEqual(before.run);
      expect(await auditRow(h, auditId)).toEqual(before.audit);
      expect(await keysIn(h.store)).toEqual(archived(SAMPLE_FILE));
      expect(h.recorder.messages.map((m) => m.status)).toEqual(['FINISHED']);
    });
  });
});
