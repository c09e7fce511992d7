// The composition root in local mode: what `decorate` is given, what the functions get, what `close` closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../lib/adapters/local/local-object-store.js';
import { LocalRedshiftWarehouse } from '../../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import type { DatabaseLocation } from '../../../lib/adapters/postgres/config-database.js';
import type { WarehouseLocation } from '../../../lib/adapters/postgres/warehouse-connection.js';
import type { ObjectStore } from '../../../lib/ports/object-store.js';
import { buildDependencies, type LocalBuilt } from '../../../lib/wiring/build-dependencies.js';
import { type LocalSettings, openLocalConfig } from '../../../lib/wiring/local-parts.js';
import { createServerDatabase, serverUrl } from '../../support/databases.js';
import { delegatingStore } from '../../support/delegating-store.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';

const settings: LocalSettings = {
  inputPrefix: 'external_input/',
  processingPrefix: 'processing/',
  archivePrefix: 'archive/',
  minSizeBytes: 10,
  iamRole: 'arn:aws:iam::123456789012:role/ferry-copy',
  timezone: 'America/Chicago',
};

interface Places {
  config: DatabaseLocation;
  warehouse: WarehouseLocation;
  drop(): Promise<void>;
}

/** Two throwaway server databases: Ferry keeps the config database and the warehouse apart. */
async function serverPlaces(url: string): Promise<Places> {
  const config = await createServerDatabase(url);
  const warehouse = await createServerDatabase(url);
  return {
    config: { url: config.url },
    warehouse: { url: warehouse.url },
    async drop() {
      await config.drop();
      await warehouse.drop();
    },
  };
}

const server = serverUrl;
const targets = [
  {
    name: 'pglite',
    places: async (): Promise<Places> => ({ config: {}, warehouse: {}, drop: async () => {} }),
  },
  ...(server ? [{ name: 'postgres', places: () => serverPlaces(server) }] : []),
];

describe.each(targets)('buildDependencies in local mode on $name', (target) => {
  let workspace: string;
  let places: Places;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-root-'));
    places = await target.places();
  });
  afterEach(async () => {
    await places.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  it('gives decorate the store and stand-in as built, hands the functions its replacements and keeps built undecorated', async () => {
    const seen: LocalBuilt[] = [];
    const wrapped: ObjectStore[] = [];
    const deps = await buildDependencies(settings, {
      mode: 'local',
      places: { bucketDir: join(workspace, 'bucket'), config: places.config, warehouse: places.warehouse },
      decorate: (ports, built) => {
        seen.push(built);
        const store = delegatingStore(ports.store, {});
        wrapped.push(store);
        return { store };
      },
    });
    try {
      expect(seen).toHaveLength(1);
      expect(seen[0]?.store).toBeInstanceOf(LocalObjectStore);
      expect(seen[0]?.warehouse).toBeInstanceOf(LocalRedshiftWarehouse);
      expect(deps.built).toBe(seen[0]);
      expect(deps.store).toBe(wrapped[0]);
      expect(deps.warehouse).toBe(deps.built.warehouse);
    } finally {
      await deps.close();
    }
  });

  it('leaves a config database it was given open when it closes what it opened', async () => {
    const config = await openLocalConfig({ config: places.config });
    try {
      const deps = await buildDependencies(settings, {
        mode: 'local',
        places: { bucketDir: join(workspace, 'bucket'), warehouse: places.warehouse },
        provide: { config, notifier: new RecordingNotifier() },
      });
      await deps.close();

      expect(deps.config).toBe(config);
      expect((await config.runScript('select 1 as one'))[0]?.rows).toEqual([{ one: 1 }]);
    } finally {
      await config.close();
    }
  });
});
