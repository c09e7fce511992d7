// Literals evaluated by a real database: the value comes back unchanged and the script stays one statement.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDatabase } from '../../../../lib/adapters/postgres/config-database.js';
import { quoteLiteral } from '../../../../lib/core/load-sql/sql-text.js';
import { databaseTargets } from '../../../support/databases.js';

const hostile = [
  "'; drop table x; --",
  "x'); delete from t; --",
  '/* comment */ select 1',
  "a\\'; drop table x; --",
  'back\\slash\\',
  'new\nline\r\n',
  '$$ dollar $$',
  '-- just a comment',
  'O\'Brien\'s "file".txt',
];

describe.each(databaseTargets)('quoteLiteral on $name', (target) => {
  let database: ConfigDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it.each(hostile)('returns %j unchanged as one value of one statement', async (value) => {
    const results = await database.runScript(`select ${quoteLiteral(value)} as v, 42 as marker`);
    expect(results).toHaveLength(1);
    expect(results[0]!.rows).toEqual([{ v: value, marker: 42 }]);
  });

  it('round-trips arbitrary text, cast to timestamp context included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme' }).filter((value) => !value.includes('\0')),
        async (value) => {
          const results = await database.runScript(`select ${quoteLiteral(value)}::text as v`);
          expect(results).toHaveLength(1);
          expect(results[0]!.rows[0]!.v).toBe(value);
        },
      ),
      { numRuns: 100 },
    );
  });
});
