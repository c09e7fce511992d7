// Writes the seed-compatible ext_file_audit row of a run: inserted once, updated as the run moves on.
import type { Kysely } from 'kysely';
import { storableText } from '../core/text/safe-text.js';
import { wallClock } from '../core/time/wall-clock.js';
import type { ContractCheck } from '../ports/notifier.js';
import type { Database } from './tables.js';

/** error_msg is varchar(4000); Redshift errors can be longer. */
export const ERROR_MESSAGE_LIMIT = 4000;

/** Made storable first (a NUL quoted from a file must not stop the failure being recorded), then cut. */
export function trimErrorMessage(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const message = storableText(text);
  return message.length <= ERROR_MESSAGE_LIMIT ? message : `${message.slice(0, ERROR_MESSAGE_LIMIT - 1)}…`;
}

export interface AuditStart {
  runId: string;
  fileName: string;
  objectKey: string;
  status: string;
  interfaceId: string | null;
  ruleId: number | null;
  target: { schema: string; table: string } | null;
  escapeChar?: string | null;
  updateQuery?: string | null;
  statementId?: string | null;
  errorMessage?: string | null;
  startedAt: Date;
  endedAt?: Date;
  timezone: string;
  /** The feed contract's verdicts reached before the row was written. */
  checks?: readonly ContractCheck[];
}

export async function insertAudit(db: Kysely<Database>, start: AuditStart): Promise<number> {
  const started = wallClock(start.startedAt, start.timezone);
  const ended = wallClock(start.endedAt ?? start.startedAt, start.timezone);
  const processed = start.status === 'FINISHED' ? 'Y' : 'N';
  const row = await db
    .insertInto('rdscnfg.ext_file_audit')
    .values({
      ext_interface_cid: start.interfaceId,
      tgt_schema_name: start.target?.schema ?? null,
      tgt_table_name: start.target?.table ?? null,
      file_process_status: start.status,
      file_process_date: started,
      file_prcsd_flag: processed,
      error_msg: trimErrorMessage(start.errorMessage),
      start_time: started,
      end_time: ended,
      update_query: storableText(start.updateQuery ?? null),
      escape_char: storableText(start.escapeChar ?? null),
      run_id: start.runId,
      file_name: storableText(start.fileName),
      object_key: storableText(start.objectKey),
      ext_file_config_sid: start.ruleId,
      statement_id: start.statementId ?? null,
      ...(start.checks?.length ? { contract_checks: storableText(JSON.stringify(start.checks)) } : {}),
    })
    .returning('ext_file_audit_sid')
    .executeTakeFirstOrThrow();
  return row.ext_file_audit_sid;
}

export interface AuditOutcome {
  status: string;
  processed: boolean;
  endedAt: Date;
  timezone: string;
  errorMessage?: string | null;
  rowsLoaded?: number | null;
  rowsRejected?: number | null;
  mergeQuery?: string | null;
  statementId?: string | null;
  checks?: readonly ContractCheck[];
}

export async function recordAuditOutcome(
  db: Kysely<Database>,
  auditId: number,
  outcome: AuditOutcome,
): Promise<void> {
  const ended = wallClock(outcome.endedAt, outcome.timezone);
  await db
    .updateTable('rdscnfg.ext_file_audit')
    .set({
      file_process_status: outcome.status,
      file_prcsd_flag: outcome.processed ? 'Y' : 'N',
      end_time: ended,
      modified_date: ended,
      ...(outcome.errorMessage !== undefined ? { error_msg: trimErrorMessage(outcome.errorMessage) } : {}),
      ...(outcome.rowsLoaded !== undefined ? { rows_loaded: outcome.rowsLoaded } : {}),
      ...(outcome.rowsRejected !== undefined ? { rows_rejected: outcome.rowsRejected } : {}),
      ...(outcome.mergeQuery !== undefined ? { merge_query: storableText(outcome.mergeQuery) } : {}),
      ...(outcome.statementId !== undefined ? { statement_id: outcome.statementId } : {}),
      ...(outcome.checks?.length ? { contract_checks: storableText(JSON.stringify(outcome.checks)) } : {}),
    })
    .where('ext_file_audit_sid', '=', auditId)
    .execute();
}

/** Fills the statement id the submission returned; an outcome the status function recorded first keeps its own. */
export async function recordAuditStatementId(
  db: Kysely<Database>,
  auditId: number,
  statementId: string,
): Promise<void> {
  await db
    .updateTable('rdscnfg.ext_file_audit')
    .set({ statement_id: statementId })
    .where('ext_file_audit_sid', '=', auditId)
    .where('statement_id', 'is', null)
    .execute();
}

/** Removes the audit row of a submission that never went out; one an outcome was recorded on stays. */
export async function removeUnsentAudit(db: Kysely<Database>, auditId: number): Promise<void> {
  await db
    .deleteFrom('rdscnfg.ext_file_audit')
    .where('ext_file_audit_sid', '=', auditId)
    // The status function may already have recorded an outcome on it (the load ran despite the error).
    .where('file_process_status', '=', 'SUBMITTED')
    .execute();
}

/** The run an audit row belongs to; undefined for no such row, or one written before Ferry kept run ids. */
export async function auditRunId(db: Kysely<Database>, auditId: number): Promise<string | undefined> {
  const audit = await db
    .selectFrom('rdscnfg.ext_file_audit')
    .select('run_id')
    .where('ext_file_audit_sid', '=', auditId)
    .executeTakeFirst();
  return audit?.run_id ?? undefined;
}
