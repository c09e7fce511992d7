import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../lib/records/migrate.js';
import { databaseTargets } from '../../support/databases.js';

describe.each(databaseTargets)('migrations on $name', (target) => {
  it('creates the original tables with their exact column types, and reruns as a no-op', async () => {
    const database = await target.open();
    try {
      const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name,
               format_type(a.atttypid, a.atttypmod) as data_type
        from information_schema.columns c
        join pg_attribute a on a.attrelid = ('rdscnfg.' || c.table_name)::regclass and a.attname = c.column_name
        where c.table_schema = 'rdscnfg' and c.table_name = 'ext_file_config'
        order by c.ordinal_position`.execute(database.db);
      const types = Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
      expect(types).toMatchObject({
        ext_file_config_sid: 'integer',
        ext_interface_cid: 'numeric(30,0)',
        file_prefix: 'character varying(50)',
        query: 'character varying(65535)',
        trailer_pstn: 'character varying(50)',
        oprtnl_flag: 'character varying(1)',
        created_date: 'timestamp without time zone',
      });
      expect(await migrateToLatest(database.db)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('lets only one live ledger row exist per bucket, key and ETag', async () => {
    const database = await target.open();
    try {
      const row = { bucket: 'b', object_key: 'external_input/a.txt', etag: '"e1"', state: 'RECEIVED' };
      await database.db
        .insertInto('rdscnfg.ferry_run')
        .values({ ...row, run_id: 'r1' })
        .execute();
      await expect(
        database.db
          .insertInto('rdscnfg.ferry_run')
          .values({ ...row, run_id: 'r2' })
          .execute(),
      ).rejects.toThrow(/ferry_run_object_uq/);
      await database.db.updateTable('rdscnfg.ferry_run').set({ retired_at: new Date() }).execute();
      await database.db
        .insertInto('rdscnfg.ferry_run')
        .values({ ...row, run_id: 'r3' })
        .execute();
      const live = await database.db
        .selectFrom('rdscnfg.ferry_run')
        .select('run_id')
        .where('retired_at', 'is', null)
        .execute();
      expect(live).toEqual([{ run_id: 'r3' }]);
    } finally {
      await database.close();
    }
  });
});
