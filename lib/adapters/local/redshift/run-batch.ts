// Runs one statement record on one session, in one transaction: translated SQL, COPY through the stand-in's loader.
import { errorMessage, TerminalError } from '../../../core/errors.js';
import { utcTimestamp } from '../../../core/time/wall-clock.js';
import type { ObjectStore } from '../../../ports/object-store.js';
import type { WarehouseSession } from '../../postgres/warehouse-connection.js';
import { copyThroughStage } from './copy/copy-through-stage.js';
import { type LoadErrorRow, recordLoadErrors } from './copy/load-errors.js';
import { isCopyStatement, parseCopy } from './copy/parse-copy.js';
import { type CopyContext, LoadFailedError, runCopy } from './copy/run-copy.js';
import { isSignificant, isWord, splitStatements, tokenize } from './sql-tokens.js';
import { findStageInsert, type StageInsert } from './stage-insert.js';
import type { StatementRecord, SubStatementRecord } from './statement-record.js';
import { translateRedshiftSql } from './translate-sql.js';

export interface BatchContext {
  session: WarehouseSession;
  store: ObjectStore;
  bucket: string;
  now: () => Date;
  /** false: run a staging pair as written even where one COPY into the target would do (copy-through-stage.ts). */
  fuseStagedLoads?: boolean;
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
    const sqls = record.subs.map((sub) => sub.queryString);
    for (let index = 0; index < record.subs.length; index++) {
      if (record.cancelRequested) throw new StatementCancelledError();
      current = record.subs[index]!;
      const pair = context.fuseStagedLoads === false ? undefined : findStageInsert(sqls, index);
      const fused = await runSub(current, record, context, loadErrors, pair);
      if (fused === undefined) continue;
      // The INSERT's rows are in the target already: its sub-statement reports them, as the INSERT would have.
      current = record.subs[++index]!;
      await startSub(current, record, context);
      current.resultRows = fused;
      finishSub(current, context);
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

/**
 * Runs one sub-statement. With a staging pair starting here, first tries the pair as one COPY into the target and
 * resolves with its rows when that was done (the caller then reports the pair's INSERT); else resolves undefined.
 */
async function runSub(
  sub: SubStatementRecord,
  record: StatementRecord,
  context: BatchContext,
  loadErrors: LoadErrorRow[],
  pair?: StageInsert,
): Promise<number | undefined> {
  const copyContext = await startSub(sub, record, context);
  const through = pair ? await copyThroughStage(pair, copyContext) : undefined;
  if (typeof through === 'number') {
    sub.resultRows = through;
    finishSub(sub, context);
    return through;
  }
  // The fast path already read this data and gave up: the stage's COPY goes straight to the checked path.
  if (through === 'refused') copyContext.fastPath = false;
  for (const statement of splitStatements(sub.queryString)) {
    if (record.cancelRequested) throw new StatementCancelledError();
    if (isCopyStatement(statement)) {
      const outcome = await runCopy(parseCopy(statement), copyContext);
      loadErrors.push(...outcome.errors);
      sub.resultRows = outcome.rowsLoaded;
      sub.hasResultSet = false;
      delete sub.result;
    } else if (!isNoOp(statement)) {
      const result = await context.session.query(translateRedshiftSql(statement));
      sub.hasResultSet = result.fields.length > 0;
      sub.resultRows = sub.hasResultSet ? result.rows.length : result.rowCount;
      if (sub.hasResultSet) sub.result = { columns: result.fields, rows: result.rows };
      else delete sub.result;
    }
  }
  finishSub(sub, context);
  return undefined;
}

/** Marks the sub-statement STARTED with its query id; returns the context its COPYs run in. */
async function startSub(
  sub: SubStatementRecord,
  record: StatementRecord,
  context: BatchContext,
): Promise<CopyContext> {
  const { session } = context;
  const started = context.now();
  sub.status = 'STARTED';
  sub.updatedAt = started;
  const id = await session.query("select nextval('public.ferry_query_id')");
  sub.redshiftQueryId = Number(id.rows[0]?.[0]);
  sub.resultRows = 0;
  sub.hasResultSet = false;
  return {
    session,
    store: context.store,
    bucket: context.bucket,
    queryId: sub.redshiftQueryId,
    startTime: utcTimestamp(started),
    isCancelled: () => record.cancelRequested,
  };
}

function finishSub(sub: SubStatementRecord, context: BatchContext): void {
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
