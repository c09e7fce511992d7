// The stand-in keeps finished statements in the workspace for a day, as the Data API does, so a later process (e.g.
// `ferry reprocess --resume`) can still describe a statement and read its result.
// https://docs.aws.amazon.com/redshift/latest/mgmt/data-api.html
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../../../lib/adapters/local/local-object-store.js';
import { LocalRedshiftWarehouse } from '../../../../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import { openWarehouseConnection } from '../../../../../lib/adapters/postgres/open-warehouse.js';
import { createServerDatabase, serverUrl } from '../../../../support/databases.js';

const targets = [
  { name: 'pglite', url: async () => ({ url: undefined, drop: async () => {} }) },
  ...(serverUrl
    ? [
        {
          name: 'postgres',
          url: async () => {
            const server = await createServerDatabase(serverUrl!);
            return { url: server.url as string | undefined, drop: server.drop };
          },
        },
      ]
    : []),
];

describe.each(targets)('statements kept in the workspace on $name', (target) => {
  it('describes a statement and returns its rows from a stand-in opened after the one that ran it closed', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ferry-history-'));
    const database = await target.url();
    const dataDir = join(workspace, 'warehouse-db');
    const open = async (now = () => new Date()) =>
      new LocalRedshiftWarehouse({
        connection: await openWarehouseConnection(database.url ? { url: database.url } : { dataDir }),
        store: new LocalObjectStore({ root: join(workspace, 'bucket'), bucket: 'ferry-local' }),
        bucket: 'ferry-local',
        historyDir: join(workspace, 'statements'),
        now,
      });
    try {
      const first = await open();
      const { id } = await first.submit({
        name: 'ferry:run-1',
        sqls: ['select 41 + 1 as answer'],
        withEvent: false,
      });
      await first.drain();
      const described = await first.describe(id);
      await first.close();

      const later = await open();
      expect(await later.describe(id)).toEqual(described);
      expect(await later.results(id)).toEqual({ columns: ['answer'], rows: [[42]] });
      await later.close();

      const dayLater = await open(() => new Date(Date.now() + 25 * 60 * 60 * 1000));
      await expect(dayLater.describe(id)).rejects.toThrow(`Query does not exist: statement '${id}'`);
      await dayLater.close();
    } finally {
      await database.drop();
      await rm(workspace, { recursive: true, force: true });
    }
  }, 120_000);
});
