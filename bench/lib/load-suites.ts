// The benchmarks that need the PostgreSQL server (end-to-end load, many small files) and the 2 GB memory budget.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feed } from './generate.js';
import { smallFeeds, trailerFeed } from './generate.js';
import { shellQuote as q, runFerry, runShell, type Sample } from './measure.js';
import { type Row, rowOf } from './row.js';
import { dropBenchDatabase } from './server-db.js';
import { type BenchContext, expectRecords, feed, feedDir, freshRoot, type Size } from './suites.js';

const flavorColumns = 'flavor_id, flavor_code, flavor_name, category, effective_date, price, active_flag';
const copyTarget = `rdsftetl.dc_x_pa_flavor (${flavorColumns})`;

/** Ferry's runtime loads the file into fresh databases; psql then loads the same rows into the same table. */
export async function loadRow(context: BenchContext, size: Size, source: Feed, rows: string): Promise<Row> {
  const ferry: Sample[] = [];
  const base: Sample[] = [];
  for (let run = 0; run < context.runs; run++) {
    const workspace = join(context.work, 'run', 'workspace');
    await rm(workspace, { recursive: true, force: true });
    const sample = runFerry(['load', source.path, context.serverUrl, workspace]);
    const databases = sample.databases as string[];
    try {
      if (sample.failed) throw new Error(`expected the load to succeed, found: ${sample.firstError}`);
      ferry.push(expectRecords(sample, source.records, 'load'));
      const warehouse = databases[1]!;
      runShell(`psql -X -q -v ON_ERROR_STOP=1 -d ${q(warehouse)} -c 'truncate rdsftetl.dc_x_pa_flavor'`);
      base.push(
        runShell(
          `psql -X -q -v ON_ERROR_STOP=1 -d ${q(warehouse)} -c ${q(`\\copy ${copyTarget} from '${rows}' with (delimiter '|')`)}`,
        ),
      );
    } finally {
      for (const database of databases) await dropBenchDatabase(context.serverUrl, database);
    }
  }
  return rowOf(
    'end-to-end local load (put → rows in PostgreSQL)',
    'psql \\copy of the same rows',
    size,
    ferry,
    base,
  );
}

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
