// One processing-function world per test: config DB with the sample config, an object store, warehouse and notifier doubles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../../../lib/adapters/pino-logger.js';
import type { ConfigDatabase } from '../../../../lib/adapters/postgres/config-database.js';
import { buildS3Event, type S3Event } from '../../../../lib/core/events/s3-event.js';
import type { ObjectInfo, ObjectStore } from '../../../../lib/ports/object-store.js';
import type {
  ProcessDependencies,
  ProcessSettings,
} from '../../../../lib/use-cases/process-file/process-dependencies.js';
import { buildDependencies } from '../../../../lib/wiring/build-dependencies.js';
import { type DatabaseTarget, databaseTargets } from '../../../support/databases.js';
import {
  collect,
  type ObjectStoreTarget,
  objectStoreTargets,
  readAll,
} from '../../../support/object-stores.js';
import { RecordingNotifier } from '../../../support/recording-notifier.js';
import { RecordingWarehouse } from '../../../support/recording-warehouse.js';

export const settings: ProcessSettings = {
  inputPrefix: 'external_input/',
  processingPrefix: 'processing/',
  archivePrefix: 'archive/',
  minSizeBytes: 10,
  iamRole: 'arn:aws:iam::123456789012:role/ferry-copy',
  region: 'us-east-1',
  timezone: 'America/Chicago',
  customErrorMessage: 'Please contact the data team.',
  // One immediate second try, so tests of a refused submission do not wait out the production pauses.
  submitRetryDelaysMs: [0],
};

export interface World {
  database: ConfigDatabase;
  store: ObjectStore;
  warehouse: RecordingWarehouse;
  notifier: RecordingNotifier;
  logs: Array<Record<string, unknown>>;
  deps: ProcessDependencies;
  /** Puts `body` at `external_input/<name>` and returns the S3 event announcing it. */
  upload(name: string, body: Buffer | string): Promise<{ info: ObjectInfo; event: S3Event }>;
  eventFor(info: ObjectInfo): S3Event;
  text(key: string): Promise<string>;
  keys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export const worlds = databaseTargets.flatMap((db: DatabaseTarget) =>
  objectStoreTargets.map((store: ObjectStoreTarget) => ({
    name: `${db.name} with ${store.name}`,
    db,
    store,
  })),
);

export function sampleFile(name: string): Buffer {
  return readFileSync(join('sql/samples/files', name));
}

export async function openWorld(target: (typeof worlds)[number]): Promise<World> {
  const database = await target.db.open();
  await database.runScript(readFileSync('sql/config/sample-config.sql', 'utf8'));
  const started = await target.store.start();
  const { store } = started;
  const warehouse = new RecordingWarehouse();
  const notifier = new RecordingNotifier();
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger({ destination: { write: (line: string) => logs.push(JSON.parse(line)) } });
  // Every part is the test's own: the database and store of this target, doubles for the warehouse and notifier.
  const deps = await buildDependencies(settings, {
    mode: 'local',
    provide: { config: database, store, warehouse, notifier, log },
  });
  const eventFor = (info: ObjectInfo) =>
    buildS3Event({ bucket: store.bucket, key: info.key, size: info.size, etag: info.etag });
  return {
    database,
    store,
    warehouse,
    notifier,
    logs,
    deps,
    eventFor,
    async upload(name, body) {
      const info = await store.put(`external_input/${name}`, body);
      return { info, event: eventFor(info) };
    },
    async text(key) {
      return (await readAll(await store.get(key))).toString('utf8');
    },
    async keys(prefix) {
      return (await collect(store.list(prefix))).map((object) => object.key).sort();
    },
    async close() {
      await deps.close();
      await started.stop();
      await database.close();
    },
  };
}

export async function runOf(world: World, runId: string) {
  return world.database.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
}

export async function auditsOf(world: World, runId: string) {
  return world.database.db
    .selectFrom('rdscnfg.ext_file_audit')
    .selectAll()
    .where('run_id', '=', runId)
    .execute();
}

/** `<name>_yyyy-MM-dd-HH-mm-ss` under `folder`. */
export function stampedKeyPattern(folder: string, name: string): RegExp {
  const escaped = `${folder}${name}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}$`);
}
