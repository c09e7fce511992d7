// `npm run bench`: generates the feeds, measures Ferry beside its baselines, writes BENCHMARKS.md and bench/chart.svg.
//
//   npm run bench -- [--sizes 10,100] [--full] [--runs 3] [--server postgres://…] [--no-original] [--no-load]
//                    [--load-max 100] [--small 1000] [--small-runs 1]
//                    [--only trailer,split,gzip,gzcsv,control-total,load,small,budget] [--dir bench/out] [--keep] [--no-write]
//                    [--shapes pipe-header-trailer,csv-gzip-header,fixed-width,multi-record,plain]
//                    [--warehouse postgres|pglite]
//   npm run bench -- --report   rewrites BENCHMARKS.md and the chart from the last run's rows (after editing notes.md)
//   npm run bench -- cli [--runs 5]   only the CLI's latency, before and after bundling (bench/cli-latency.ts)
// --warehouse pglite runs the load shapes on embedded PGlite (Ferry's default) beside PGlite's own COPY FROM '/dev/blob'.
// Sizes are MB (1024 = 1 GB); e.g. `--sizes 50 --only load` measures only the load shapes at 50 MB. --full adds 1 GB to the table and runs the 2 GB file under a 512 MB budget.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliLatency, cliLatencyFile } from './cli-latency.js';
import { chart } from './lib/chart.js';
import { budgetSuite, smallFilesSuite } from './lib/load-suites.js';
import { bundleFerry } from './lib/measure.js';
import { type Machine, markdown, tableLines, verdicts } from './lib/report.js';
import type { Row } from './lib/row.js';
import { defaultServerUrl } from './lib/server-db.js';
import { type BenchContext, type Size, sizeSuite } from './lib/suites.js';

const root = fileURLToPath(new URL('../', import.meta.url));

function parse(args: string[]) {
  const value = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
  };
  const full = args.includes('--full');
  const sizes = value('sizes', '10,100')
    .split(',')
    .map(Number)
    .filter((mb) => mb > 0);
  if (full && !sizes.includes(1024)) sizes.push(1024);
  return {
    sizes: sizes.sort((a, b) => a - b),
    full,
    runs: Math.max(1, Number(value('runs', '3'))),
    server: value('server', process.env.BENCH_DATABASE_URL ?? defaultServerUrl),
    original: !args.includes('--no-original'),
    load: !args.includes('--no-load'),
    /** The stand-in's COPY is far slower than the file steps: larger sizes skip the load unless asked. */
    loadMaxMb: Number(value('load-max', '100')),
    small: Number(value('small', '1000')),
    /** 1,000 files beside 1,000 psql runs take minutes: one run unless asked. */
    smallRuns: Math.max(1, Number(value('small-runs', '1'))),
    dir: value('dir', join(root, 'bench', 'out')),
    only: args.includes('--only') ? new Set(value('only', '').split(',')) : undefined,
    /** Which end-to-end load shapes to measure (bench/lib/load-shapes.ts): all unless named. */
    shapes: args.includes('--shapes') ? new Set(value('shapes', '').split(',')) : undefined,
    warehouse: warehouseOf(value('warehouse', 'postgres')),
    keep: args.includes('--keep'),
    write: !args.includes('--no-write'),
    report: args.includes('--report'),
  };
}

function warehouseOf(name: string): BenchContext['warehouse'] {
  if (name === 'postgres' || name === 'pglite') return name;
  throw new Error(`expected --warehouse postgres or pglite, found ${name}`);
}

const sizeOf = (mb: number): Size => ({
  label: mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`,
  bytes: mb * 1024 * 1024,
});

/** The last measured run, so the report can be written again without measuring again. */
const lastRun = (dir: string) => join(dir, 'last-run.json');

async function writeReport(rows: Row[], machine: Machine): Promise<void> {
  // Sections measured by hand or by other commands, kept beside the notes so a new run does not drop them.
  const sections = ['notes.md', 'load-shapes.md'].map((name) => join(root, 'bench', name));
  const commentary = [...sections, cliLatencyFile, join(root, 'bench', 'control-totals.md')]
    .filter((file) => existsSync(file))
    .map((file) => readFile(file, 'utf8'));
  const text = (await Promise.all(commentary)).join('\n');
  await writeFile(join(root, 'BENCHMARKS.md'), markdown(rows, machine, text));
  await writeFile(join(root, 'bench', 'chart.svg'), chart(rows));
  console.log('wrote BENCHMARKS.md and bench/chart.svg');
}

async function main(): Promise<void> {
  if (process.argv[2] === 'cli') return cliLatency(process.argv.slice(3));
  const options = parse(process.argv.slice(2));
  if (options.report) {
    const { rows, machine } = JSON.parse(await readFile(lastRun(options.dir), 'utf8')) as {
      rows: Row[];
      machine: Machine;
    };
    return writeReport(rows, machine);
  }
  const loadAtStart = loadavg();
  const started = new Date();
  await mkdir(options.dir, { recursive: true });
  await bundleFerry();
  const context: BenchContext = {
    work: options.dir,
    runs: options.runs,
    serverUrl: options.server,
    warehouse: options.warehouse,
    log: (text) => console.log(text),
    want: (operation) => !options.only || options.only.has(operation),
    wantShape: (shape) => !options.shapes || options.shapes.has(shape),
  };
  console.log(
    `load average at start: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`,
  );
  const rows: Row[] = [];
  for (const mb of options.sizes) {
    rows.push(
      ...(await sizeSuite(context, sizeOf(mb), options.original, options.load && mb <= options.loadMaxMb)),
    );
  }
  if (options.load && options.small > 0 && context.want('small')) {
    console.log(`${options.small} small files`);
    rows.push(await smallFilesSuite(context, options.small, 10 * 1024, options.smallRuns));
  }
  if (options.full && context.want('budget')) {
    console.log('2 GB under a 512 MB budget');
    rows.push(await budgetSuite(context, sizeOf(2048), 512));
  }
  const loadAtEnd = loadavg();
  console.log(['', ...tableLines(rows), ''].join('\n'));
  for (const v of verdicts(rows)) {
    console.log(`${v.holds === undefined ? '·' : v.holds ? '✓' : '✗'} ${v.target}: ${v.measured}`);
  }
  if (options.write) {
    const machine: Machine = {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cpus: cpus().length,
      memoryGb: totalmem() / 2 ** 30,
      node: process.version,
      date: `${started.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      loadAtStart,
      loadAtEnd,
      runs: options.runs,
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    };
    await writeFile(lastRun(options.dir), JSON.stringify({ rows, machine }));
    await writeReport(rows, machine);
  }
  if (!options.keep) await rm(join(options.dir, 'run'), { recursive: true, force: true });
}

await main();
