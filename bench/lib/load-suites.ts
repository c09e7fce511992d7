// The benchmarks that need the PostgreSQL server (end-to-end load, many small files) and the 2 GB memory budget.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feed } from './generate.js';
import { claimsFeed, fixedWidthFeed, smallFeeds, trailerFeed } from './generate.js';
import {
  type BaselineFiles,
  baselineCommand,
  baselineCopies,
  type LoadShape,
  loadShapeSpecs,
} from './load-shapes.js';
import { median, shellQuote as q, runFerry, runShell, type Sample } from './measure.js';
import { type Row, rowOf } from './row.js';
import { dropBenchDatabase } from './server-db.js';
import { type BenchContext, expectRecords, feed, feedDir, feedsFor, freshRoot, type Size } from './suites.js';

const flavorColumns = 'flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag';
const copyTarget = `rdsftetl.dc_x_pa_flavor (${flavorColumns})`;

/** What one shape's load reads: the file `ferry put` gets, its rows' count, and the baseline's files. */
export interface ShapeFeed {
  input: Feed;
  baseline: BaselineFiles;
}

/** Every shape's feed at one size, generated once (the header feed and the baseline rows derive from the others). */
export async function shapeFeeds(context: BenchContext, size: Size): Promise<Record<LoadShape, ShapeFeed>> {
  const dir = await feedDir(context, size);
  const { trailer, csv, rows } = await feedsFor(context, size);
  const derive = (path: string, command: string) => {
    if (!existsSync(path)) runShell(command);
    return path;
  };
  const header = join(dir, 'header-trailer.txt');
  derive(
    header,
    `{ printf '%s\\n' ${q(flavorColumns.replaceAll(', ', '|'))}; cat ${q(trailer.path)}; } > ${q(header)}`,
  );
  const fixed = await feed(join(dir, 'fixed.dat'), (p) => fixedWidthFeed(p, size.bytes));
  const fixedRows = derive(
    join(dir, 'fixed-rows.txt'),
    `awk '{ print substr($0,1,10) "|" substr($0,11,20) "|" substr($0,31,8) "|" substr($0,39,12) }' ${q(fixed.path)} > ${q(join(dir, 'fixed-rows.txt'))}`,
  );
  const claims = await feed(join(dir, 'claims.txt'), (p) => claimsFeed(p, size.bytes));
  const h1 = derive(
    join(dir, 'claims-h1.txt'),
    `grep '^H1|' ${q(claims.path)} > ${q(join(dir, 'claims-h1.txt'))}`,
  );
  const d1 = derive(
    join(dir, 'claims-d1.txt'),
    `grep '^D1|' ${q(claims.path)} > ${q(join(dir, 'claims-d1.txt'))}`,
  );
  return {
    'pipe-header-trailer': { input: { ...trailer, path: header }, baseline: { rows } },
    'csv-gzip-header': { input: csv, baseline: { rows: csv.path } },
    'fixed-width': { input: fixed, baseline: { rows: fixedRows } },
    'multi-record': { input: claims, baseline: { rows: h1, detailRows: d1 } },
    plain: { input: trailer, baseline: { rows } },
  };
}

/** Ferry's runtime loads the file into fresh databases; psql then loads the same rows into the same tables. */
export async function loadRow(
  context: BenchContext,
  size: Size,
  shape: LoadShape,
  source: ShapeFeed,
): Promise<Row> {
  if (context.warehouse === 'pglite') return pgliteLoadRow(context, size, shape, source);
  const ferry: Sample[] = [];
  const base: Sample[] = [];
  const spec = loadShapeSpecs[shape];
  const paths = new Set<string>();
  for (let run = 0; run < context.runs; run++) {
    const workspace = join(context.work, 'run', 'workspace');
    await rm(workspace, { recursive: true, force: true });
    const sample = runFerry(['load', shape, source.input.path, context.serverUrl, workspace]);
    const databases = sample.databases as string[];
    try {
      if (sample.failed) throw new Error(`expected the load to succeed, found: ${sample.firstError}`);
      ferry.push(expectRecords(sample, source.input.records, `load ${shape}`));
      for (const path of sample.paths as string[]) paths.add(path);
      const warehouse = databases[1]!;
      runShell(
        `psql -X -q -v ON_ERROR_STOP=1 -d ${q(warehouse)} -c ${q(`truncate ${spec.tables.join(', ')}`)}`,
      );
      base.push(runShell(baselineCommand(shape, source.baseline, warehouse)));
    } finally {
      for (const database of databases) await dropBenchDatabase(context.serverUrl, database);
    }
  }
  const rowsPerSecond = source.input.records / median(ferry.map((s) => s.seconds));
  return rowOf(
    `end-to-end local load: ${spec.label}`,
    'psql \\copy of the same rows',
    { label: size.label, bytes: source.input.bytes },
    ferry,
    base,
    `${[...paths].sort().join(' + ')} path; ${Math.round(rowsPerSecond / 1000)} k rows/s`,
  );
}

/**
 * The same on the embedded default: Ferry's runtime on PGlite in its workspace (config database and stand-in, as
 * `ferry put` runs without DATABASE_URL/WAREHOUSE_URL), beside PGlite's own COPY … FROM '/dev/blob' of the same rows
 * into the same tables in a fresh PGlite (its tables made by a child that is not measured).
 */
async function pgliteLoadRow(
  context: BenchContext,
  size: Size,
  shape: LoadShape,
  source: ShapeFeed,
): Promise<Row> {
  const ferry: Sample[] = [];
  const base: Sample[] = [];
  const spec = loadShapeSpecs[shape];
  const paths = new Set<string>();
  const copies = JSON.stringify(baselineCopies(shape, source.baseline));
  for (let run = 0; run < context.runs; run++) {
    const workspace = join(context.work, 'run', 'workspace');
    await rm(workspace, { recursive: true, force: true });
    const sample = runFerry(['load', shape, source.input.path, 'embedded', workspace]);
    if (sample.failed) throw new Error(`expected the load to succeed, found: ${sample.firstError}`);
    ferry.push(expectRecords(sample, source.input.records, `load ${shape}`));
    for (const path of sample.paths as string[]) paths.add(path);
    const baseline = join(context.work, 'run', 'pglite-baseline');
    await rm(baseline, { recursive: true, force: true });
    runFerry(['pglite-tables', baseline]);
    base.push(runFerry(['pglite-copy', join(baseline, 'warehouse-db'), copies]));
  }
  const rowsPerSecond = source.input.records / median(ferry.map((s) => s.seconds));
  return rowOf(
    `end-to-end local load on PGlite: ${spec.label}`,
    "PGlite COPY FROM '/dev/blob' of the same rows",
    { label: size.label, bytes: source.input.bytes },
    ferry,
    base,
    `${[...paths].sort().join(' + ')} path; ${Math.round(rowsPerSecond / 1000)} k rows/s; ` +
      `RSS during the load ${spanRss(ferry)} MB, during the baseline's COPY ${spanRss(base)} MB`,
  );
}

/** The largest RSS sampled while the measured work ran (ferry-op.ts's stopwatch), over every run. */
const spanRss = (samples: Sample[]) => Math.round(Math.max(...samples.map((s) => Number(s.spanRssMb))));

/** 1,000 small files through the runtime, beside one `head -n -1 | psql \copy` per file. */
export async function smallFilesSuite(
  context: BenchContext,
  count: number,
  bytes: number,
  runs: number,
): Promise<Row> {
  const dir = join(context.work, 'feeds', 'small');
  if (!existsSync(join(dir, `BENCH_${String(count).padStart(4, '0')}_527.txt`)))
    await smallFeeds(dir, count, bytes);
  const ferry: Sample[] = [];
  const base: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    const workspace = join(context.work, 'run', 'workspace');
    await rm(workspace, { recursive: true, force: true });
    const sample = runFerry(['small', dir, context.serverUrl, workspace]);
    const databases = sample.databases as string[];
    try {
      if (sample.failed)
        throw new Error(`expected every small file to load, ${sample.failed} failed: ${sample.firstError}`);
      ferry.push(sample);
      const warehouse = databases[1]!;
      runShell(`psql -X -q -d ${q(warehouse)} -c 'truncate rdsftetl.dc_x_pa_flavor'`);
      const copy = q(`\\copy ${copyTarget} from stdin with (delimiter '|')`);
      base.push(
        runShell(
          `for f in ${q(dir)}/*.txt; do head -n -1 "$f" | psql -X -q -v ON_ERROR_STOP=1 -d ${q(warehouse)} -c ${copy} || exit 1; done`,
        ),
      );
    } finally {
      for (const database of databases) await dropBenchDatabase(context.serverUrl, database);
    }
  }
  const row = rowOf(
    `${count} small files through the runtime`,
    `${count} × head -n -1 | psql \\copy`,
    { label: `${count} × ${bytes / 1024} KB`, bytes: count * bytes },
    ferry,
    base,
  );
  row.note = `${(count / row.ferrySeconds).toFixed(0)} files/s, ${((row.ferrySeconds / count) * 1000).toFixed(1)} ms per file (${runs} run${runs === 1 ? '' : 's'})`;
  return row;
}

/** The 2 GB file under a 512 MB budget: a 384 MB V8 heap and a peak RSS check (no cgroup needed). */
export async function budgetSuite(context: BenchContext, size: Size, budgetMb: number): Promise<Row> {
  const dir = await feedDir(context, size);
  const feeds = { trailer: await feed(join(dir, 'trailer.txt'), (p) => trailerFeed(p, size.bytes)) };
  const root = await freshRoot(context, 'trailer', feeds.trailer.path);
  let sample: Sample;
  let note: string;
  try {
    sample = expectRecords(
      runFerry(['prepare', 'trailer', root], ['--max-old-space-size=384']),
      feeds.trailer.records,
      'budget',
    );
    note =
      sample.maxRssMb <= budgetMb
        ? `PASS: peak RSS within ${budgetMb} MB`
        : `FAIL: peak RSS over ${budgetMb} MB`;
  } catch (error) {
    sample = { seconds: Number.NaN, cpuSeconds: Number.NaN, maxRssMb: Number.NaN };
    note = `FAIL: ${(error as Error).message.slice(0, 200)}`;
  }
  await rm(root, { recursive: true, force: true });
  return rowOf(
    `trailer check + strip, --max-old-space-size=384`,
    'budget',
    { label: size.label, bytes: feeds.trailer.bytes },
    [sample],
    [],
    note,
  );
}
