// Where validated rows go: PostgreSQL's own COPY, fed CSV text as it is checked (on PGlite and on a server alike).
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { CopyTarget, WarehouseSession } from '../../../postgres/warehouse-connection.js';
import { quoteName } from './column-types.js';

export interface RowSink {
  /** Queues a row; returns a promise only when the row's write must be waited for (a flush, back-pressure). */
  write(values: readonly (string | null)[]): Promise<void> | undefined;
  /** Flushes and resolves with the number of rows stored. */
  finish(): Promise<number>;
  /** Stops a load that failed; the caller rolls the transaction back. */
  abort(): Promise<void>;
}

export function openRowSink(session: WarehouseSession, table: string, columns: readonly string[]): RowSink {
  return copySink(session, { table, columns: columns.map(quoteName).join(', '), format: 'csv' });
}

/** Postgres CSV: NULL is an empty unquoted field, every value is quoted. */
export function csvLine(values: readonly (string | null)[]): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) line += ',';
    if (value === null || value === undefined) continue;
    line += value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
  }
  return `${line}\n`;
}

/**
 * Rows are sent in chunks of about this many characters: one socket write per row costs more than the COPY itself.
 * Each chunk is whole rows (copyRows's contract): a row's line feeds inside quotes never end a chunk.
 */
const copyChunkChars = 64 * 1024;

function copySink(session: WarehouseSession, target: CopyTarget): RowSink {
  const csv = new PassThrough();
  const done = session.copyRows(target, csv);
  let failure: unknown;
  const failed = done.then(
    () => undefined,
    (error) => {
      failure = error;
    },
  );
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingChars = 0;
    if (!csv.write(chunk)) await Promise.race([once(csv, 'drain'), failed]);
    if (failure) throw failure;
  };
  return {
    write(values) {
      if (failure) return Promise.reject(failure);
      const line = csvLine(values);
      pending.push(line);
      pendingChars += line.length;
      return pendingChars >= copyChunkChars ? flush() : undefined;
    },
    async finish() {
      await flush();
      csv.end();
      return done;
    },
    async abort() {
      pending = [];
      csv.destroy(new Error('load aborted'));
      await failed;
    },
  };
}
