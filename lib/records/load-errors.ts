// The rows a load rejected (ferry_load_error), stored by the follow-up statement's event beside the run and its audit row.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Run } from './run.js';
import type { Database } from './tables.js';

export interface RejectedRow {
  lineNumber: number | null;
  columnName: string | null;
  errorCode: number | null;
  reason: string | null;
}

/**
 * Replaces the run's stored rejected rows under a lock on its ledger row, so a repeated event stores the same rows
 * once. A count still unknown is settled by `total`, every row the load rejected (on the run and its audit row);
 * `failureError`, when given, replaces the run's error and the audit row's message.
 */
export async function storeRejectedRows(
  db: Kysely<Database>,
  run: Pick<Run, 'id' | 'auditId' | 'rowsRejected'>,
  rows: readonly RejectedRow[],
  total: number,
  failureError?: string | null,
): Promise<void> {
  const values = rows.map((row) => ({
    run_id: run.id,
    ext_file_audit_sid: run.auditId,
    line_number: row.lineNumber,
    column_name: row.columnName,
    error_code: row.errorCode,
    reason: row.reason,
    raw_line: null,
    raw_value: null,
  }));
  await db.transaction().execute(async (trx) => {
    await sql`select 1 from rdscnfg.ferry_run where run_id = ${run.id} for update`.execute(trx);
    await trx.deleteFrom('rdscnfg.ferry_load_error').where('run_id', '=', run.id).execute();
    if (values.length > 0) await trx.insertInto('rdscnfg.ferry_load_error').values(values).execute();
    if (run.rowsRejected === null) {
      await trx
        .updateTable('rdscnfg.ferry_run')
        .set({ rows_rejected: total })
        .where('run_id', '=', run.id)
        .where('rows_rejected', 'is', null)
        .execute();
      if (run.auditId !== null) {
        await trx
          .updateTable('rdscnfg.ext_file_audit')
          .set({ rows_rejected: total })
          .where('ext_file_audit_sid', '=', run.auditId)
          .where('rows_rejected', 'is', null)
          .execute();
      }
    }
    if (failureError !== undefined) {
      await trx
        .updateTable('rdscnfg.ferry_run')
        .set({ error: failureError })
        .where('run_id', '=', run.id)
        .execute();
      if (run.auditId !== null) {
        await trx
          .updateTable('rdscnfg.ext_file_audit')
          .set({ error_msg: failureError })
          .where('ext_file_audit_sid', '=', run.auditId)
          .execute();
      }
    }
  });
}

/** The stored rejected rows of a run, in line order, as `ferry errors` lists them. */
export async function rejectedRowsOf(db: Kysely<Database>, runId: string) {
  return db
    .selectFrom('rdscnfg.ferry_load_error')
    .select([
      'line_number as line',
      'column_name as column',
      'error_code as code',
      'reason',
      'raw_line',
      'raw_value',
    ])
    .where('run_id', '=', runId)
    .orderBy('line_number')
    .orderBy('load_error_id')
    .execute();
}
