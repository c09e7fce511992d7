// A small StatementBackend over PGlite for the Data API endpoint's tests: really runs each batch in a transaction.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type {
  StatementBackend,
  StatementListFilter,
} from '../../lib/adapters/local/redshift/statement-backend.js';
import { TerminalError } from '../../lib/errors.js';
import type { StatementStatusListener } from '../../lib/ports/status-events.js';
import {
  finalStatementStates,
  type StatementDescription,
  type StatementResult,
  type SubmitRequest,
} from '../../lib/ports/warehouse.js';

interface Entry {
  description: StatementDescription;
  results: Map<string, StatementResult>;
  settled: Promise<void>;
}

// Same conventions as the config database: int8 as number, numeric and timestamp as text.
const parsers = { 20: Number, 1114: (text: string) => text, 1700: (text: string) => text };

export class PgliteStatementBackend implements StatementBackend {
  private readonly entries = new Map<string, Entry>();
  private queue: Promise<void> = Promise.resolve();
  private nextQueryId = 1;

  private constructor(
    readonly pglite: PGlite,
    private readonly onEvent?: StatementStatusListener,
  ) {}

  static async create(onEvent?: StatementStatusListener): Promise<PgliteStatementBackend> {
    return new PgliteStatementBackend(await PGlite.create('memory://', { parsers }), onEvent);
  }

  /** Holds every statement submitted from now on in SUBMITTED until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queue = this.queue.then(() => gate);
    return release;
  }

  /** Resolves once the statement reached a final state (no polling needed in tests). */
  async settled(id: string): Promise<StatementDescription> {
    await this.entry(id).settled;
    return this.describe(id);
  }

  async submit(request: SubmitRequest): Promise<{ id: string }> {
    const id = randomUUID();
    const now = new Date();
    const description: StatementDescription = {
      id,
      name: request.name || undefined,
      status: 'SUBMITTED',
      createdAt: now,
      updatedAt: now,
      subStatements: request.sqls.map((sql, index) => ({
        id: `${id}:${index + 1}`,
        status: 'SUBMITTED',
        queryString: sql,
      })),
    };
    const entry: Entry = { description, results: new Map(), settled: Promise.resolve() };
    entry.settled = this.queue.then(() => this.run(entry, request.withEvent));
    this.queue = entry.settled;
    this.entries.set(id, entry);
    return { id };
  }

  async describe(id: string): Promise<StatementDescription> {
    return structuredClone(this.entry(id).description);
  }

  async results(id: string): Promise<StatementResult> {
    const parent = id.replace(/:\d+$/, '');
    const result = this.entry(parent).results.get(id);
    if (!result) throw new TerminalError(`expected a finished sub-statement with rows, found none for ${id}`);
    return result;
  }

  async list(filter: StatementListFilter = {}): Promise<StatementDescription[]> {
    return [...this.entries.values()]
      .map((entry) => entry.description)
      .filter((d) => !filter.status || filter.status === 'ALL' || d.status === filter.status)
      .filter((d) => !filter.statementName || d.name === filter.statementName)
      .reverse()
      .map((d) => structuredClone(d));
  }

  async cancel(id: string): Promise<boolean> {
    const description = this.entry(id).description;
    if (description.status !== 'SUBMITTED') return false;
    this.finish(description, 'ABORTED', 'Query cancelled on user request');
    for (const sub of description.subStatements) sub.status = 'ABORTED';
    return true;
  }

  async close(): Promise<void> {
    await this.pglite.close();
  }

  private async run(entry: Entry, withEvent: boolean): Promise<void> {
    const { description } = entry;
    if (description.status !== 'SUBMITTED') return;
    description.status = 'STARTED';
    let index = 0;
    try {
      await this.pglite.transaction(async (tx) => {
        for (; index < description.subStatements.length; index++) {
          const sub = description.subStatements[index]!;
          sub.status = 'STARTED';
          const result = await tx.query<Record<string, unknown>>(sub.queryString, [], { rowMode: 'array' });
          const columns = result.fields.map((field) => field.name);
          sub.hasResultSet = columns.length > 0;
          sub.resultRows = sub.hasResultSet ? result.rows.length : (result.affectedRows ?? 0);
          sub.redshiftQueryId = this.nextQueryId++;
          if (sub.hasResultSet)
            entry.results.set(sub.id, { columns, rows: result.rows as unknown as unknown[][] });
          sub.status = 'FINISHED';
        }
      });
      this.finish(description, 'FINISHED');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      description.subStatements.forEach((sub, at) => {
        if (at === index) Object.assign(sub, { status: 'FAILED', error: message });
        if (at > index) sub.status = 'ABORTED';
      });
      entry.results.clear();
      this.finish(description, 'FAILED', message);
    }
    if (withEvent) await this.emit(description);
  }

  private finish(
    description: StatementDescription,
    status: 'FINISHED' | 'FAILED' | 'ABORTED',
    error?: string,
  ) {
    description.status = status;
    description.updatedAt = new Date();
    if (error) description.error = error;
    const last = description.subStatements.at(-1);
    description.resultRows = last?.resultRows;
    description.hasResultSet = last?.hasResultSet ?? false;
  }

  private async emit(description: StatementDescription): Promise<void> {
    if (!this.onEvent || !finalStatementStates.includes(description.status)) return;
    await this.onEvent({
      version: '0',
      id: randomUUID(),
      'detail-type': 'Redshift Data Statement Status Change',
      source: 'aws.redshift-data',
      account: '000000000000',
      time: description.updatedAt.toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: { statementId: description.id, statementName: description.name, state: description.status },
    });
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry)
      throw new TerminalError(`expected a statement issued by this backend, found unknown id ${id}`);
    return entry;
  }
}
