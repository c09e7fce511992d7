// Builds the status function's world for a test: config DB with the sample rules, a local bucket, a submitted run.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FanOutNotifier } from '../../../../lib/adapters/fan-out-notifier.js';
import type { LocalObjectStore } from '../../../../lib/adapters/local/local-object-store.js';
import { createLogger } from '../../../../lib/adapters/pino-logger.js';
import type { ConfigDatabase } from '../../../../lib/adapters/postgres/config-database.js';
import type { ObjectStore } from '../../../../lib/ports/object-store.js';
import type { StatementStatusEvent } from '../../../../lib/ports/status-events.js';
import { insertAudit } from '../../../../lib/records/audit.js';
import { claimRun, transitionRun } from '../../../../lib/records/runs.js';
import type { StatusDependencies } from '../../../../lib/use-cases/log-status/status-dependencies.js';
import { buildDependencies } from '../../../../lib/wiring/build-dependencies.js';
import type { LocalSettings } from '../../../../lib/wiring/local-parts.js';
import { makeHandler } from '../../../../lib/wiring/log-status-handler.js';
import type { DatabaseTarget } from '../../../support/databases.js';
import { RecordingNotifier } from '../../../support/recording-notifier.js';
import { RecordingWarehouse } from '../../../support/recording-warehouse.js';

const root = new URL('../../../../', import.meta.url);

export const RUN_ID = 'run-527-0001';
export const LOAD_ID = '9c1f0b3e-2d4a-4e6b-8f1a-5b7c3d2e1a01';
export const TRANSFORM_ID = '4a8e2c71-6b3d-4f05-9e2a-7d1c8b5f3a02';
export const REJECTS_ID = '5a9c7f4d-c16e-4d8f-a0bc-7e3dafc1c265';
export const SAMPLE_FILE = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
/** 14:05:00 UTC is 09:05:00 in New York in November. */
export const RUN_CREATED = new Date('2026-11-21T14:05:00.000Z');
export const TIMEZONE = 'America/New_York';
export const CUSTOM_ERROR = 'Contact the data team at #ferry-support.';

const settings: LocalSettings = {
  timezone: TIMEZONE,
  customErrorMessage: CUSTOM_ERROR,
  inputPrefix: 'external_input/',
  archivePrefix: 'archive/',
  processingPrefix: 'processing/',
  // Read by the processing function only, which this world does not run.
  minSizeBytes: 10,
  iamRole: 'arn:aws:iam::123456789012:role/ferry-copy',
  eventBusName: 'ferry-bus',
};

export const exampleEventNames = [
  'load-finished',
  'load-failed',
  'load-aborted',
  'transform-finished',
  'transform-failed',
  'rejects-finished',
  'not-ferry',
] as const;

export async function exampleEvent(name: (typeof exampleEventNames)[number]): Promise<StatementStatusEvent> {
  return JSON.parse(
    await readFile(new URL(`orchestration/events/${name}.json`, root), 'utf8'),
  ) as StatementStatusEvent;
}

export interface Harness {
  database: ConfigDatabase;
  store: LocalObjectStore;
  warehouse: RecordingWarehouse;
  recorder: RecordingNotifier;
  deps: StatusDependencies;
  logLines: Record<string, unknown>[];
  handler: (event: unknown) => ReturnType<ReturnType<typeof makeHandler>>;
  close(): Promise<void>;
}

/** `store` replaces the local store in the dependencies (e.g. one whose copy fails). */
export async function openHarness(
  target: DatabaseTarget,
  options: { wrapStore?: (store: LocalObjectStore) => ObjectStore } = {},
): Promise<Harness> {
  const database = await target.open();
  await database.runScript(await readFile(new URL('sql/config/sample-config.sql', root), 'utf8'));
  const directory = await mkdtemp(join(tmpdir(), 'ferry-status-'));
  const warehouse = new RecordingWarehouse();
  const recorder = new RecordingNotifier();
  const logLines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: 'debug',
    destination: { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const deps = await buildDependencies(settings, {
    mode: 'local',
    places: { bucketDir: directory, bucket: 'ferry-bucket' },
    provide: { config: database, warehouse, log, now: () => new Date('2026-11-21T14:06:00.000Z') },
    // The outbox as built, and a recorder beside it; the store as built unless a test wraps it.
    decorate: (ports, built) => ({
      notifier: new FanOutNotifier([ports.notifier, recorder]),
      ...(options.wrapStore && built.store && { store: options.wrapStore(built.store) }),
    }),
  });
  const store = deps.built.store as LocalObjectStore;
  const handler = makeHandler(async () => deps);
  return {
    database,
    store,
    warehouse,
    recorder,
    deps,
    logLines,
    handler,
    async close() {
      await deps.close();
      await database.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface SeedOptions {
  fileName?: string;
  records?: number;
  /** The processing function's recorded statement id; null when it had not recorded it yet. */
  statementId?: string | null;
}

/** What the processing function leaves behind: original, prepared copy and manifest, a SUBMITTED run and audit row. */
export async function seedSubmittedRun(harness: Harness, options: SeedOptions = {}) {
  const { db } = harness.database;
  const fileName = options.fileName ?? SAMPLE_FILE;
  const original = `external_input/${fileName}`;
  const prepared = `processing/${fileName}`;
  const manifest = `processing/${fileName}.manifest`;
  await harness.store.put(
    original,
    '1|A1|Apple|Fruit|2015-10-15|1.50|Y\n2|B2|Banana|Fruit|2015-10-15|0.25|Y\n3|C3|Cherry|Fruit|2015-10-15|3.00|N\nTRL0000000003\n',
  );
  await harness.store.put(
    prepared,
    '1|A1|Apple|Fruit|2015-10-15|1.50|Y\n2|B2|Banana|Fruit|2015-10-15|0.25|Y\n3|C3|Cherry|Fruit|2015-10-15|3.00|N\n',
  );
  await harness.store.put(manifest, '{"entries":[]}');
  const head = await harness.store.head(original);
  await claimRun(
    db,
    { bucket: 'ferry-bucket', key: original, etag: head!.etag, size: head!.size },
    { runId: RUN_ID },
  );
  const auditId = await insertAudit(db, {
    runId: RUN_ID,
    fileName,
    objectKey: original,
    status: 'SUBMITTED',
    interfaceId: '527',
    ruleId: 4,
    target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
    startedAt: RUN_CREATED,
    timezone: TIMEZONE,
  });
  await transitionRun(db, RUN_ID, ['RECEIVED'], 'SUBMITTED', {
    ext_file_config_sid: 4,
    ext_interface_cid: '527',
    ext_file_audit_sid: auditId,
    statement_id: options.statementId === undefined ? LOAD_ID : options.statementId,
    prepared_keys: [prepared, manifest],
    details: JSON.stringify({ fileName, records: options.records ?? 3, loadedAt: '2026-11-21 14:05:00.500' }),
    created_at: RUN_CREATED,
  });
  return { auditId, original, prepared, manifest, fileName };
}

export async function keysIn(store: ObjectStore, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

export async function runRow(harness: Harness) {
  return harness.database.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where('run_id', '=', RUN_ID)
    .executeTakeFirstOrThrow();
}

export async function auditRow(harness: Harness, auditId: number) {
  return harness.database.db
    .selectFrom('rdscnfg.ext_file_audit')
    .selectAll()
    .where('ext_file_audit_sid', '=', auditId)
    .executeTakeFirstOrThrow();
}

export async function outboxRows(harness: Harness) {
  return harness.database.db
    .selectFrom('rdscnfg.ferry_outbox')
    .select(['run_id', 'channel', 'subject', 'body', 'attributes'])
    .orderBy('outbox_id')
    .execute();
}
