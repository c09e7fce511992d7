import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCopyCommand } from '../../../lib/adapters/local/redshift/copy/copy-command.js';
import { fastCopyEligible, tryFastCopy } from '../../../lib/adapters/local/redshift/copy/fast-copy.js';
import { openWarehouseConnection } from '../../../lib/adapters/local/redshift/warehouse-connection.js';
import { createServerDatabase, serverUrl } from '../../support/databases.js';
import { noServerNote } from '../../support/server-only.js';

const copySql = "copy t (id, name) from stdin with (format text, delimiter '|')";
const source = (text: string) => async () => Readable.from([Buffer.from(text)]);

describe('the stand-in COPY fast path on PostgreSQL', () => {
  it('loads plain delimited text through PostgreSQL COPY, and gives up without a trace on what it cannot judge', async ({
    skip,
  }) => {
    skip(!serverUrl, noServerNote);
    const server = await createServerDatabase(serverUrl as string);
    const connection = await openWarehouseConnection({ url: server.url });
    try {
      const outcome = await connection.withSession(async (session) => {
        await session.query('create table t (id int, name varchar(10))');
        await session.query('begin');
        const plain = await tryFastCopy(session, copySql, [source('1|a\n2|b\n'), source('3|c')]);
        const refused = await Promise.all(
          ['4|d\n\n5|e\n', '4|d\r\n', '4|back\\slash\n', '4|far too long a name\n', 'x|d\n'].map((text) =>
            tryFastCopy(session, copySql, [source(text)]),
          ),
        );
        await session.query('commit');
        const { rows } = await session.query('select id, name from t order by id');
        return { plain, refused, rows };
      });
      expect(outcome).toEqual({
        plain: 3,
        refused: [undefined, undefined, undefined, undefined, undefined],
        rows: [
          [1, 'a'],
          [2, 'b'],
          [3, 'c'],
        ],
      });
    } finally {
      await connection.close();
      await server.drop();
    }
  });

  it('takes only COPY options whose meaning PostgreSQL shares', () => {
    const plain = {
      ...defaultCopyCommand({ name: 't' }, 's3://b/k'),
      acceptAnyDate: true,
      ignoreBlankLines: true,
    };
    expect(fastCopyEligible(plain)).toBe(true);
    expect(fastCopyEligible({ ...plain, format: 'csv' })).toBe(false);
    expect(fastCopyEligible({ ...plain, ignoreHeader: 1 })).toBe(false);
    expect(fastCopyEligible({ ...plain, emptyAsNull: true })).toBe(false);
    expect(fastCopyEligible({ ...plain, truncateColumns: true })).toBe(false);
    expect(fastCopyEligible({ ...plain, dateFormat: 'YYYYMMDD' })).toBe(false);
  });
});
