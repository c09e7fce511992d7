// Property: on any delimited file, the stand-in's fast path (PostgreSQL's own COPY) and its checked path (Redshift's
// rules, row by row) reach the same outcome — the same rows, the same rejects with the same codes and messages.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../lib/adapters/local/local-object-store.js';
import { defaultCopyCommand } from '../../../lib/adapters/local/redshift/copy/copy-command.js';
import {
  type CopyOutcome,
  type CopyPathMessage,
  copyPathChannel,
  runCopy,
} from '../../../lib/adapters/local/redshift/copy/run-copy.js';
import { openWarehouseConnection } from '../../../lib/adapters/postgres/open-warehouse.js';
import type { WarehouseSession } from '../../../lib/adapters/postgres/warehouse-connection.js';
import { createServerDatabase, serverUrl } from '../../support/databases.js';
import { noServerNote } from '../../support/server-only.js';

const bucket = 'agree';
const columns = 'id int, code varchar(6), amount bigint';

/** Values PostgreSQL's text COPY and Redshift both read the same way (or both reject: a long code). */
const plainField = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9-]{0,8}$/),
);
/** A line that fits the table: the fast path loads a file of these itself. */
const fittingLine = fc
  .tuple(
    fc.integer({ min: -99_999, max: 99_999 }),
    fc.stringMatching(/^[A-Za-z0-9-]{0,6}$/),
    fc.bigInt(-(2n ** 40n), 2n ** 40n),
  )
  .map((fields) => fields.join('|'));
/** Values where the two could part: escapes, CRs, padding, spellings PostgreSQL alone accepts, bytes, NULL AS. */
const trickyField = fc.constantFrom(
  '\\N',
  '\\',
  'a\\|b',
  '\r',
  ' 1',
  '1 ',
  'abcdef ',
  '1_000',
  '0x1F',
  'ééé',
  '',
  '99999999999999999999',
  '+7',
  'x',
);
const line = (field: fc.Arbitrary<string>) =>
  fc.array(field, { minLength: 2, maxLength: 4 }).map((fields) => fields.join('|'));
const file = fc.oneof(
  // Mostly plain files: the fast path takes these, so the property is about its outcomes, not only its refusals.
  { weight: 3, arbitrary: fc.array(fittingLine, { minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(line(plainField), { minLength: 1, maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.array(line(fc.oneof(plainField, trickyField)), { minLength: 1, maxLength: 12 }),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(fittingLine, fc.constant('')), { minLength: 1, maxLength: 6 }) },
);
const ending = fc.constantFrom('', '\n');
/** IGNOREHEADER n: the header lines may hold anything, even what the fast path would refuse in data. */
const header = fc.array(fc.oneof(fittingLine, line(plainField), line(trickyField), fc.constant('')), {
  maxLength: 2,
});

/** The checked path alone: the fast path's COPY is refused, so the stand-in falls back as on any refusal. */
function checkedOnly(session: WarehouseSession): WarehouseSession {
  const copyFromStdin = session.copyFromStdin?.bind(session);
  return {
    query: (sql, params) => session.query(sql, params),
    copyFromStdin: (sql, body) => {
      if (sql.includes('format text')) {
        body.destroy();
        return Promise.reject(new Error('fast path disabled'));
      }
      return copyFromStdin!(sql, body);
    },
  };
}

interface Loaded {
  outcome: Pick<CopyOutcome, 'rowsLoaded'> & { errors: unknown[] };
  rows: unknown[][];
}

describe('the stand-in COPY fast path against its checked path', () => {
  it('loads the same rows and rejects the same lines with the same errors on any delimited file', async ({
    skip,
  }) => {
    skip(!serverUrl, noServerNote);
    const server = await createServerDatabase(serverUrl as string);
    const connection = await openWarehouseConnection({ url: server.url });
    const root = await mkdtemp(join(tmpdir(), 'ferry-agree-'));
    const store = new LocalObjectStore({ root, bucket });
    const paths: string[] = [];
    const onPath = (message: unknown) => paths.push((message as CopyPathMessage).path);
    subscribe(copyPathChannel.name, onPath);
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(header, file, ending, async (headerLines, lines, end) => {
          const key = `run-${++run}/data.txt`;
          await store.put(key, Buffer.from([...headerLines, ...lines].join('\n') + end));
          const load = (table: string, wrap: (s: WarehouseSession) => WarehouseSession) =>
            connection.withSession(async (session): Promise<Loaded> => {
              await session.query(`drop table if exists ${table}; create table ${table} (${columns})`);
              await session.query('begin');
              const command = {
                ...defaultCopyCommand({ name: table }, `s3://${bucket}/${key}`),
                maxError: 100_000,
                ignoreBlankLines: true,
                ignoreHeader: headerLines.length,
              };
              const outcome = await runCopy(command, {
                session: wrap(session),
                store,
                bucket,
                queryId: 1,
                startTime: '2024-01-01 00:00:00',
              });
              await session.query('commit');
              const { rows } = await session.query(`select * from ${table} order by 1, 2, 3`);
              const errors = outcome.errors.map(({ tableId: _table, ...error }) => error);
              return { outcome: { rowsLoaded: outcome.rowsLoaded, errors }, rows };
            });
          const fast = await load('t_fast', (s) => s);
          const checked = await load('t_checked', checkedOnly);
          expect(fast).toEqual(checked);
        }),
        { numRuns: 100 },
      );
      // Not a property about refusals only: the fast path loaded some of the files itself.
      expect(paths.filter((path) => path === 'fast').length).toBeGreaterThan(5);
    } finally {
      unsubscribe(copyPathChannel.name, onPath);
      await connection.close();
      await server.drop();
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
