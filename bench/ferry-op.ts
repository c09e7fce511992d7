// Child process of the benchmark: runs one Ferry operation and prints one JSON line with its time and peak RSS.
//
// A child per measured run keeps every peak RSS figure its own (`process.resourceUsage().maxRSS`).
//   prepare <trailer|split|gzip|gzcsv|control-total> <root> [range|rewrite]  prepareFile on <root>/external_input/<file>;
//                                     rewrite: as if the copy could not be a range of the input (CRLF input)
//   load <shape> <file> <serverUrl|embedded> <workspace>  the local runtime on throwaway server databases, or on
//                                     embedded PGlite in <workspace> as `ferry put` runs by default: put → rows loaded
//                                     (shapes: bench/lib/load-shapes.ts); also reports which COPY path each load took
//   pglite-tables <workspace>         the stand-in's tables in a fresh embedded warehouse (<workspace>/warehouse-db)
//   pglite-copy <dataDir> <copies>    the PGlite baseline: PGlite's own COPY … FROM '/dev/blob' of each BaselineCopy
//                                     (JSON) into the tables at <dataDir>
//   small <dir> <serverUrl>                     every file of <dir> through the runtime
import { subscribe } from 'node:diagnostics_channel';
import { openAsBlob } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { LocalObjectStore } from '../lib/adapters/local/local-object-store.js';
import type { CopyPathMessage } from '../lib/adapters/local/redshift/copy/run-copy.js';
import { createLogger } from '../lib/adapters/pino-logger.js';
import { applySqlDirectory, redshiftSqlDir, sampleConfigFile } from '../lib/cli/local-runtime.js';
import { queryWarehouse } from '../lib/cli/warehouse/query-warehouse.js';
import { prepareFile } from '../lib/core/ingest/prepare-file.js';
import { openLocalRuntime } from '../lib/wiring/local-runtime.js';
import { type BaselineCopy, type LoadShape, loadShapeSpecs, loadShapes } from './lib/load-shapes.js';
import { type PrepareOperation, prepareOperations, prepareRules } from './lib/rules.js';
import { createBenchDatabase } from './lib/server-db.js';

interface Measured {
  seconds: number;
  /** CPU seconds of this process over the same span as `seconds`. */
  cpuSeconds: number;
  records: number;
  extra?: Record<string, unknown>;
}

function report({ seconds, cpuSeconds, records, extra }: Measured): void {
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, cpuSeconds, maxRssMb, records, ...extra }));
}

/**
 * Starts the clocks; the returned function reads wall and CPU seconds since then, and the largest RSS sampled in
 * between (every 20 ms, between statements): PGlite's start-up alone peaks near 1 GB, which the process's maxRSS
 * keeps, so the span's own figure is what shows whether a load's memory stays flat.
 */
function stopwatch() {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let spanRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    spanRss = Math.max(spanRss, process.memoryUsage.rss());
  }, 20).unref();
  return () => {
    clearInterval(sampler);
    const used = process.cpuUsage(cpu);
    return {
      seconds: Number(process.hrtime.bigint() - wall) / 1e9,
      cpuSeconds: (used.user + used.system) / 1e6,
      extra: { spanRssMb: Math.max(spanRss, process.memoryUsage.rss()) / 2 ** 20 },
    };
  };
}

async function prepare(operation: PrepareOperation, root: string, copy: string): Promise<Measured> {
  const { rule, fileName } = prepareRules[operation];
  const store = new LocalObjectStore({ root, bucket: 'bench' });
  const key = `external_input/${fileName}`;
  // The processing function knows the ETag from the S3 event; the hard-linked feed has none recorded yet.
  const etag = copy === 'range' ? (await store.head(key))!.etag : undefined;
  const stop = stopwatch();
  const prepared = await prepareFile({
    store,
    key,
    ...(etag !== undefined && { etag }),
    rule,
    runId: 'bench',
    processingPrefix: 'processing/',
    inputPrefix: 'external_input/',
    now: new Date('2024-01-01T00:00:00Z'),
  });
  return { ...stop(), records: prepared.records ?? -1 };
}

/**
 * Opens the runtime with the stand-in's tables: on two fresh server databases, or (no server) on embedded PGlite in
 * the workspace, the config database and the stand-in alike, as `ferry put` opens it by default.
 */
async function openWarehouseRuntime(workspace: string, serverUrl: string | undefined) {
  const env = serverUrl
    ? {
        DATABASE_URL: await createBenchDatabase(serverUrl),
        WAREHOUSE_URL: await createBenchDatabase(serverUrl),
        LOG_LEVEL: 'warn',
      }
    : { LOG_LEVEL: 'warn' };
  const log = createLogger({ level: 'warn' });
  const runtime = await openLocalRuntime({ workspace, env, log });
  await applySqlDirectory(runtime, redshiftSqlDir);
  return { runtime, databases: [env.DATABASE_URL, env.WAREHOUSE_URL].filter((url) => url !== undefined) };
}

/** The runtime with the sample rules and the shape's own config on top. */
async function openBenchRuntime(workspace: string, serverUrl: string | undefined, configSql = '') {
  const { runtime, databases } = await openWarehouseRuntime(workspace, serverUrl);
  await runtime.config.runScript(await readFile(sampleConfigFile, 'utf8'));
  // The load alone: no post-load transformation into the core table.
  await runtime.config.runScript(
    'update rdscnfg.ext_file_config set query = null where ext_file_config_sid = 4',
  );
  if (configSql) await runtime.config.runScript(configSql);
  return { runtime, databases };
}

/** Files to put, each with the name it lands under (the name decides the rule). */
async function loadFiles(
  files: Array<{ path: string; name: string }>,
  workspace: string,
  serverUrl: string | undefined,
  shape: LoadShape = 'plain',
): Promise<Measured> {
  const spec = loadShapeSpecs[shape];
  const { runtime, databases } = await openBenchRuntime(workspace, serverUrl, spec.configSql);
  const paths = new Set<string>();
  subscribe('ferry:local-redshift:copy-path', (message) => paths.add((message as CopyPathMessage).path));
  try {
    const stop = stopwatch();
    for (const file of files) await runtime.putFile(file.path, file.name);
    await runtime.idle();
    const { extra, ...measured } = stop();
    const counts = spec.tables.map((table) => `(select count(*) from ${table})`).join(' + ');
    const result = await queryWarehouse(runtime.warehouse, `select ${counts}`, { pollMs: 10 });
    const failed = await runtime.config.db
      .selectFrom('rdscnfg.ext_file_audit')
      .select('error_msg')
      .where('file_prcsd_flag', '<>', 'Y')
      // A split's parent file loads nothing itself and is never marked processed.
      .where('tgt_table_name', 'is not', null)
      .execute();
    return {
      ...measured,
      records: Number(result.rows[0]?.[0] ?? 0),
      extra: {
        ...extra,
        databases,
        failed: failed.length,
        firstError: failed[0]?.error_msg,
        paths: [...paths],
      },
    };
  } finally {
    await runtime.close();
  }
}

/**
 * PGlite's own COPY of the baseline rows, each file whole in one `COPY … FROM '/dev/blob'` (the `blob` query option,
 * https://pglite.dev/docs/api#query-options); a gzipped file is decompressed in memory first, inside the clock.
 */
async function pgliteCopy(dataDir: string, copies: BaselineCopy[]): Promise<Measured> {
  const pglite = await PGlite.create(dataDir);
  try {
    const stop = stopwatch();
    let records = 0;
    for (const { target, file, gzip, options } of copies) {
      const blob = gzip ? new Blob([gunzipSync(await readFile(file))]) : await openAsBlob(file);
      const result = await pglite.query(`copy ${target} from '/dev/blob' with (${options})`, [], { blob });
      records += result.affectedRows ?? 0;
    }
    return { ...stop(), records };
  } finally {
    await pglite.close();
  }
}

async function main(): Promise<void> {
  const [mode, a, b, c, d] = process.argv.slice(2);
  if (mode === 'prepare' && prepareOperations.includes(a as PrepareOperation)) {
    return report(await prepare(a as PrepareOperation, b!, c ?? 'range'));
  }
  if (mode === 'load' && loadShapes.includes(a as LoadShape)) {
    const shape = a as LoadShape;
    const [path, serverUrl, workspace] = [b!, c === 'embedded' ? undefined : c!, d!];
    return report(
      await loadFiles([{ path, name: loadShapeSpecs[shape].fileName }], workspace, serverUrl, shape),
    );
  }
  if (mode === 'pglite-tables') {
    const stop = stopwatch();
    const { runtime } = await openWarehouseRuntime(a!, undefined);
    await runtime.close();
    return report({ ...stop(), records: 0 });
  }
  if (mode === 'pglite-copy') return report(await pgliteCopy(a!, JSON.parse(b!) as BaselineCopy[]));
  if (mode === 'small') {
    const names = (await readdir(a!)).filter((name) => name.endsWith('.txt')).sort();
    return report(
      await loadFiles(
        names.map((name) => ({ path: join(a!, name), name })),
        c!,
        b!,
      ),
    );
  }
  throw new Error(`expected prepare|load|small with arguments, found ${process.argv.slice(2).join(' ')}`);
}

await main();
