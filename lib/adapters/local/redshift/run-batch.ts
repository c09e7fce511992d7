// Runs one statement record on one session, in one transaction: translated SQL, COPY through the stand-in's loader.
import { errorMessage, TerminalError } from '../../../core/errors.js';
import { utcTimestamp } from '../../../core/time/wall-clock.js';
import type { ObjectStore } from '../../../ports/object-store.js';
import type { WarehouseSession } from '../../postgres/warehouse-connection.js';
import { type LoadErrorRow, recordLoadErrors } from './copy/load-errors.js';
import { isCopyStatement, parseCopy } from './copy/parse-copy.js';
import { LoadFailedError, runCopy } from './copy/run-copy.js';
import { isSignificant, isWord, splitStatements, tokenize } from './sql-tokens.js';
import type { StatementRecord, SubStatementRecord } from './statement-record.js';
import { translateRedshiftSql } from './translate-sql.js';

export interface BatchContext {
  session: WarehouseSession;
  store: ObjectStore;
  bucket: string;
  now: () => Date;
}

export class StatementCancelledError extends TerminalError {
  constructor() {
    super("Query cancelled on user's request");
    this.name = 'StatementCancelledError';
  }
}

export async function runBatch(record: StatementRecord, context: BatchContext): Promise<void> {
  const { session } = context;
  const loadErrors: LoadErrorRow[] = [];
  let current: SubStatementRecord | undefined;
  await session.query('begin');
  try {
    for (const sub of record.subs) {
      if (record.cancelRequested) throw new StatementCancelledError();
      current = sub;
      await runSub(sub, record, context, loadErrors);
    }
    await session.query('commit');
    setStatus(record, 'FINISHED', context.now());
  } catch (error) {
    await session.query('rollback').catch(() => {});
    if (error instanceof LoadFailedError) loadErrors.push(...error.errors);
    fail(record, current, error, context.now());
  }
  // Like Redshift's system tables, rejected rows stay recorded even when the load rolled back.
  if (loadErrors.length > 0) await recordLoadErrors(session, loadErrors);
}

async function runSub(
  sub: SubStatementRecord,
  record: StatementRecord,
  context: BatchContext,
  loadErrors: LoadErrorRow[],
): Promise<void> {
  const { session } = context;
  const started = context.now();
  sub.status = 'STARTED';
  sub.updatedAt = started;
  const id = await session.query("select nextval('public.ferry_query_id')");
  sub.redshiftQueryId = Number(id.rows[0]?.[0]);
  sub.resultRows = 0;
  sub.hasResultSet = false;
  for (const statement of splitStatements(sub.queryString)) {
    if (record.cancelRequested) throw new StatementCancelledError();
    if (isCopyStatement(statement)) {
      const outcome = await runCopy(parseCopy(statement), {
        session,
        store: context.store,
        bucket: context.bucket,
        queryId: sub.redshiftQueryId,
        startTime: utcTimestamp(started),
        isCancelled: () => record.cancelRequested,
      });
      loadErrors.push(...outcome.errors);
      sub.resultRows = outcome.rowsLoaded;
      sub.hasResultSet = false;
      delete sub.result;
    } else if (!isNoOp(statement)) {
      const result = await session.query(translateRedshiftSql(statement));
      sub.hasResultSet = result.fields.length > 0;
      sub.resultRows = sub.hasResultSet ? result.rows.length : result.rowCount;
      if (sub.hasResultSet) sub.result = { columns: result.fields, rows: result.rows };
      else delete sub.result;
    }
  }
  sub.status = 'FINISHED';
  sub.updatedAt = context.now();
}

/** VACUUM cannot run inside a transaction and has nothing to do on Postgres-sized data. */
function isNoOp(statement: string): boolean {
  return isWord(tokenize(statement).find(isSignificant), 'vacuum');
}

function setStatus(record: StatementRecord, status: StatementRecord['status'], at: Date): void {
  record.status = status;
  record.updatedAt = at;
}

function fail(
  record: StatementRecord,
  failed: SubStatementRecord | undefined,
  error: unknown,
  at: Date,
): void {
  const cancelled = error instanceof StatementCancelledError;
  const message = `ERROR: ${errorMessage(error)}`;
  let after = false;
  for (const sub of record.subs) {
    if (sub === failed) {
      sub.status = cancelled ? 'ABORTED' : 'FAILED';
      sub.error = message;
      sub.updatedAt = at;
      after = true;
    } else if (after || sub.status === 'SUBMITTED') {
      sub.status = 'ABORTED';
      sub.updatedAt = at;
    }
  }
  record.error = message;
  setStatus(record, cancelled ? 'ABORTED' : 'FAILED', at);
}
