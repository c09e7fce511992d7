// The local Redshift stand-in: a Data-API-like statement queue over Postgres (PGlite or a server).
import { randomUUID } from 'node:crypto';
import { TerminalError } from '../../../core/errors.js';
import { buildStatusEvent, type EventSettings } from '../../../core/events/status-event.js';
import type { ObjectStore } from '../../../ports/object-store.js';
import type { StatementStatusListener } from '../../../ports/status-events.js';
import type { StatementDescription, StatementResult, SubmitRequest } from '../../../ports/warehouse.js';
import type { WarehouseConnection } from '../../postgres/warehouse-connection.js';
import { runBatch } from './run-batch.js';
import type { StatementBackend, StatementListFilter } from './statement-backend.js';
import { StatementHistory } from './statement-history.js';
import {
  ActiveStatementsExceededError,
  describeRecord,
  StatementNotFoundError,
  type StatementRecord,
} from './statement-record.js';
import { warehouseSetupStatements } from './warehouse-setup.js';

/** Finished statements kept for describe/results (the Data API keeps them 24 hours). */
const STATEMENT_HISTORY = 2000;

export interface LocalRedshiftOptions {
  connection: WarehouseConnection;
  store: ObjectStore;
  bucket: string;
  onStatementEvent?: StatementStatusListener;
  /** Called when onStatementEvent throws; the statement's outcome stands either way. */
  onEventError?: (error: unknown) => void;
  clusterId?: string;
  region?: string;
  now?: () => Date;
  /** Where finished statements are kept for a day, for processes started later (the workspace's `statements/`). */
  historyDir?: string;
  /**
   * Statements SUBMITTED or STARTED at once before a submission is refused with ActiveStatementsExceededException,
   * as the Data API refuses it per cluster. Default: no limit.
   */
  maxActiveStatements?: number;
  /** false: run every staging pair as written (for comparing with one COPY into the target; see run-batch.ts). */
  fuseStagedLoads?: boolean;
}

/** ExecuteStatement sends one SQL; BatchExecuteStatement may send one too, so callers can say which. */
export interface LocalSubmitRequest extends SubmitRequest {
  batch?: boolean;
}

export class LocalRedshiftWarehouse implements StatementBackend {
  private readonly records = new Map<string, StatementRecord>();
  /** Client tokens of submissions, like the Data API's ClientToken: a repeated submit returns the first id. */
  private readonly tokens = new Map<string, string>();
  private readonly tokenOf = new Map<string, string>();
  private readonly queue: StatementRecord[] = [];
  private running = 0;
  /** Finished statements whose status event is being handled. */
  private delivering = 0;
  private idleWaiters: (() => void)[] = [];
  private ready: Promise<void> | undefined;
  private readonly now: () => Date;
  private readonly events: EventSettings;
  private readonly history: StatementHistory | undefined;

  constructor(private readonly options: LocalRedshiftOptions) {
    this.now = options.now ?? (() => new Date());
    this.history = options.historyDir ? new StatementHistory(options.historyDir, this.now) : undefined;
    this.events = {
      account: '000000000000',
      region: options.region ?? 'us-east-1',
      clusterId: options.clusterId ?? 'ferry-local',
      principal: 'arn:aws:iam::000000000000:user/ferry-local',
    };
  }

  /** Installs compat functions and sys_load_error_detail; runs once, before the first statement. */
  setUp(): Promise<void> {
    this.ready ??= this.options.connection.withSession(async (session) => {
      await session.query('begin');
      // Serialises concurrent openers of one server database (create or replace races otherwise).
      await session.query('select pg_advisory_xact_lock(7419001)');
      for (const statement of warehouseSetupStatements) await session.query(statement);
      await session.query('commit');
    });
    return this.ready;
  }

  async submit(request: LocalSubmitRequest): Promise<{ id: string }> {
    if (request.sqls.length === 0)
      throw new TerminalError('submit: expected at least one SQL statement, found none');
    const known = request.clientToken === undefined ? undefined : this.tokens.get(request.clientToken);
    if (known !== undefined) return { id: known };
    const limit = this.options.maxActiveStatements;
    if (limit !== undefined && this.activeStatements >= limit) throw new ActiveStatementsExceededError(limit);
    const id = randomUUID();
    if (request.clientToken !== undefined) {
      this.tokens.set(request.clientToken, id);
      this.tokenOf.set(id, request.clientToken);
    }
    const at = this.now();
    const record: StatementRecord = {
      id,
      batch: request.batch ?? request.sqls.length > 1,
      withEvent: request.withEvent,
      status: 'SUBMITTED',
      createdAt: at,
      updatedAt: at,
      cancelRequested: false,
      subs: request.sqls.map((sql, index) => ({
        id: `${id}:${index + 1}`,
        queryString: sql,
        status: 'SUBMITTED',
        createdAt: at,
        updatedAt: at,
      })),
    };
    if (request.name !== undefined) record.name = request.name;
    this.records.set(id, record);
    this.queue.push(record);
    this.pump();
    return { id };
  }

  async describe(id: string): Promise<StatementDescription> {
    return describeRecord(await this.findKept(id));
  }

  async results(id: string): Promise<StatementResult> {
    const [parentId = id, index] = id.split(':');
    const record = await this.findKept(parentId);
    const sub =
      index === undefined
        ? record.batch
          ? [...record.subs].reverse().find((s) => s.result)
          : record.subs[0]
        : record.subs[Number(index) - 1];
    if (!sub) throw new StatementNotFoundError(id);
    if (sub.status !== 'FINISHED') {
      throw new TerminalError(
        `Query has not finished: statement '${id}' is ${sub.status}, expected FINISHED`,
      );
    }
    if (!sub.result)
      throw new TerminalError(`Query does not have result: statement '${id}' returned no result set`);
    return sub.result;
  }

  async list(filter: StatementListFilter = {}): Promise<StatementDescription[]> {
    const status = filter.status && filter.status !== 'ALL' ? filter.status : undefined;
    return [...this.records.values()]
      .filter((r) => (status ? r.status === status : true))
      .filter((r) => (filter.statementName ? r.name === filter.statementName : true))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map(describeRecord);
  }

  async cancel(id: string): Promise<boolean> {
    const record = this.find(id);
    if (record.status === 'SUBMITTED') {
      this.queue.splice(this.queue.indexOf(record), 1);
      const at = this.now();
      record.status = 'ABORTED';
      record.updatedAt = at;
      for (const sub of record.subs) sub.status = 'ABORTED';
      await this.deliver(record);
      this.notifyIfIdle();
      return true;
    }
    if (record.status === 'STARTED') {
      record.cancelRequested = true;
      return true;
    }
    return false;
  }

  /** Resolves once no statement is queued or running (including statements submitted by event listeners). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Waits for running work, then closes the connection. */
  async close(): Promise<void> {
    await this.drain();
    await this.options.connection.close();
  }

  /** In memory, else finished by an earlier process and kept in the workspace. */
  private async findKept(id: string): Promise<StatementRecord> {
    const record = this.records.get(id) ?? (await this.history?.load(id));
    if (!record) throw new StatementNotFoundError(id);
    return record;
  }

  private find(id: string): StatementRecord {
    const record = this.records.get(id);
    if (!record) throw new StatementNotFoundError(id);
    return record;
  }

  /** Statements SUBMITTED (queued) or STARTED (running): what the Data API counts as active. */
  get activeStatements(): number {
    return this.queue.length + this.running;
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.running === 0 && this.delivering === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    while (this.running < this.options.connection.concurrency && this.queue.length > 0) {
      const record = this.queue.shift() as StatementRecord;
      this.running++;
      // The connection is free for the next statement while the finished one's event is handled, as in AWS,
      // where EventBridge delivers it apart from the cluster: a status function that submits follow-up SQL and
      // waits out an ActiveStatementsExceeded refusal must not hold the slot those statements need.
      void this.execute(record)
        .then(() => {
          this.running--;
          this.delivering++;
          this.pump();
          return this.deliver(record);
        })
        .finally(() => {
          this.delivering--;
          this.pump();
          this.notifyIfIdle();
        });
    }
  }

  private async execute(record: StatementRecord): Promise<void> {
    try {
      await this.setUp();
      record.status = 'STARTED';
      record.updatedAt = this.now();
      await this.options.connection.withSession((session) =>
        runBatch(record, {
          session,
          store: this.options.store,
          bucket: this.options.bucket,
          now: this.now,
          ...(this.options.fuseStagedLoads === false && { fuseStagedLoads: false }),
        }),
      );
    } catch (error) {
      // Setup or connection trouble: the statement fails rather than hanging in STARTED.
      record.status = 'FAILED';
      record.error = `ERROR: ${error instanceof Error ? error.message : String(error)}`;
      record.updatedAt = this.now();
    }
  }

  private async deliver(record: StatementRecord): Promise<void> {
    this.forgetOldest();
    await this.history?.save(record).catch((error: unknown) => this.options.onEventError?.(error));
    if (!record.withEvent || !this.options.onStatementEvent) return;
    const event = buildStatusEvent(describeRecord(record), this.events, this.now());
    try {
      await this.options.onStatementEvent(event);
    } catch (error) {
      this.options.onEventError?.(error);
    }
  }

  /**
   * Like the Data API, which keeps statements for a day, history is bounded: past the limit the oldest finished
   * statements are forgotten, so a long `ferry watch` keeps flat memory.
   */
  private forgetOldest(): void {
    for (const [id, old] of this.records) {
      if (this.records.size <= STATEMENT_HISTORY) return;
      if (old.status !== 'FINISHED' && old.status !== 'FAILED' && old.status !== 'ABORTED') continue;
      this.records.delete(id);
      const token = this.tokenOf.get(id);
      if (token !== undefined) this.tokens.delete(token);
      this.tokenOf.delete(id);
    }
  }
}
