import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { defaultCopyCommand } from '../../../../lib/adapters/local/redshift/copy/copy-command.js';
import { fastCopyPlan, tryFastCopy } from '../../../../lib/adapters/local/redshift/copy/fast-copy.js';
import { openRowSink } from '../../../../lib/adapters/local/redshift/copy/row-sink.js';
import { copyBatchBytes, copyThroughBlob } from '../../../../lib/adapters/postgres/pglite-copy.js';
import type { CopyTarget } from '../../../../lib/adapters/postgres/warehouse-connection.js';
import { warehouseTargets } from '../../../support/warehouse-targets.js';

const csvTarget: CopyTarget = { table: 't', columns: 'id, note', format: 'csv' };
const textTarget: CopyTarget = { table: 't', columns: 'id, note', format: 'text', delimiter: '|' };

/** `count` delimited rows `id|note-id`, as one text. */
const delimitedRows = (count: number, from = 1) =>
  Array.from({ length: count }, (_, at) => `${from + at}|note-${from + at}\n`).join('');

/** `text` cut into pieces of `size` bytes, wherever that falls (mid-row too), as a file read in chunks is. */
function inPieces(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

describe('COPY through PGlite /dev/blob', () => {
  it('copies a stream of several batches as one COPY per batch, every row once, line feeds inside quotes kept', async () => {
    const pglite = await PGlite.create('memory://');
    try {
      await pglite.query('create table t (id int primary key, note text)');
      const statements: string[] = [];
      const counting = {
        query: ((sql: string, params?: unknown[], options?: object) => {
          statements.push(sql);
          return pglite.query(sql, params, options);
        }) as PGlite['query'],
      };
      // Chunks of whole CSV rows, each row's note holding a line feed and a quote; 300 rows of ~20 bytes a chunk.
      const chunks = Array.from({ length: 20 }, (_, chunk) =>
        Array.from({ length: 300 }, (_, at) => {
          const id = chunk * 300 + at + 1;
          return `"${id}","line ${id}\nnext ""q"""\n`;
        }).join(''),
      );
      const copied = await copyThroughBlob(counting, csvTarget, Readable.from(chunks), 16 * 1024);
      const { rows } = await pglite.query<{ n: number; distinct_ids: number; bad: number }>(
        `select count(*)::int as n, count(distinct id)::int as distinct_ids,
                count(*) filter (where note <> 'line ' || id || E'\\nnext "q"')::int as bad from t`,
      );
      expect({ copied, ...rows[0] }).toEqual({ copied: 6000, n: 6000, distinct_ids: 6000, bad: 0 });
      // ~19 bytes a row, 16 KiB a batch: several statements, none of them empty.
      expect(statements.length).toBeGreaterThan(5);
      expect(statements.length).toBeLessThan(20);
    } finally {
      await pglite.close();
    }
  });
});

describe.each(warehouseTargets)('copyRows past one PGlite batch on $name', (target) => {
  // Rows enough for more than two PGlite batches (the ids are shorter than seven digits at first).
  const batchRows = Math.ceil(copyBatchBytes / 'nnnnnnn|note-nnnnnnn\n'.length);
  const total = 3 * batchRows;
  /** The fast path's plan for `t (id int, note varchar(20))` under a plain COPY. */
  const plan = fastCopyPlan(defaultCopyCommand({ name: 't' }, 's3://b/k'), [
    { name: 'id', typeName: 'int4', kind: 'int', notNull: true },
    { name: 'note', typeName: 'varchar', kind: 'char', notNull: false, maxBytes: 20 },
  ])!;

  it('loads every row of a fast-path stream bigger than one batch exactly once, fed in pieces cut mid-row', async () => {
    const { connection, close } = await target.open();
    try {
      const outcome = await connection.withSession(async (session) => {
        await session.query('create table t (id int primary key, note varchar(20))');
        await session.query('begin');
        const loaded = await tryFastCopy(
          session,
          textTarget,
          [async () => inPieces(delimitedRows(total), 64 * 1024 + 7)],
          plan,
        );
        await session.query('commit');
        const { rows } = await session.query(
          'select count(*)::int, count(distinct id)::int, min(id), max(id) from t',
        );
        return { loaded, rows };
      });
      expect(outcome).toEqual({ loaded: total, rows: [[total, total, 1, total]] });
    } finally {
      await close();
    }
  });

  it('rolls the whole fast COPY back to its savepoint when a row in a later batch fails, keeping what came before it', async () => {
    const { connection, close } = await target.open();
    try {
      const outcome = await connection.withSession(async (session) => {
        await session.query('create table t (id int primary key, note varchar(20))');
        await session.query('begin');
        await session.query("insert into t values (0, 'before')");
        // The guard passes every row; PostgreSQL rejects the repeated key, near the end of the third batch.
        const text = `${delimitedRows(total)}${total - 1}|again\n`;
        const loaded = await tryFastCopy(session, textTarget, [async () => inPieces(text, 64 * 1024)], plan);
        // The transaction goes on after the rollback to the savepoint.
        await session.query("insert into t values (-1, 'after')");
        await session.query('commit');
        const { rows } = await session.query('select id, note from t order by id');
        return { loaded, rows };
      });
      expect(outcome).toEqual({
        loaded: undefined,
        rows: [
          [-1, 'after'],
          [0, 'before'],
        ],
      });
    } finally {
      await close();
    }
  });

  it('stores every row the checked path writes, rows with line feeds inside quotes included, past one batch', async () => {
    const { connection, close } = await target.open();
    try {
      const outcome = await connection.withSession(async (session) => {
        await session.query('create table t (id int primary key, note text)');
        await session.query('begin');
        const sink = openRowSink(session, 't', ['id', 'note']);
        for (let id = 1; id <= total; id++) {
          const flushing = sink.write([String(id), id % 2 === 0 ? `two\nlines "${id}"` : null]);
          if (flushing) await flushing;
        }
        const stored = await sink.finish();
        await session.query('commit');
        const { rows } = await session.query(
          `select count(*)::int, count(distinct id)::int,
                  count(*) filter (where note is distinct from case when id % 2 = 0
                    then E'two\\nlines "' || id || '"' end)::int
             from t`,
        );
        return { stored, rows };
      });
      expect(outcome).toEqual({ stored: total, rows: [[total, total, 0]] });
    } finally {
      await close();
    }
  });
});
