// Where validated rows go: COPY FROM STDIN on a server (streamed CSV), batched bound INSERTs on PGlite.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { WarehouseSession } from '../../../postgres/warehouse-connection.js';
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
  const columnList = columns.map(quoteName).join(', ');
  if (session.copyFromStdin) return copySink(session.copyFromStdin.bind(session), table, columnList);
  return insertSink(session, table, columnList, columns.length);
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

/** Rows are sent in chunks of about this many characters: one socket write per row costs more than the COPY itself. */
const copyChunkChars = 64 * 1024;

function copySink(
  copyFromStdin: NonNullable<WarehouseSession['copyFromStdin']>,
  table: string,
  columnList: string,
): RowSink {
  const csv = new PassThrough();
  const done = copyFromStdin(`copy ${table} (${columnList}) from stdin with (format csv)`, csv);
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

function insertSink(session: WarehouseSession, table: string, columnList: string, width: number): RowSink {
  // Stay well under Postgres's 65535 bound parameters per statement.
  const batchRows = Math.max(1, Math.min(1000, Math.floor(30000 / Math.max(1, width))));
  let batch: (readonly (string | null)[])[] = [];
  let stored = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: (string | null)[] = [];
    const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
    await session.query(`insert into ${table} (${columnList}) values ${tuples.join(', ')}`, params);
    stored += batch.length;
    batch = [];
  };
  return {
    write(values) {
      batch.push(values);
      return batch.length >= batchRows ? flush() : undefined;
    },
    async finish() {
      await flush();
      return stored;
    },
    async abort() {
      batch = [];
    },
  };
}
