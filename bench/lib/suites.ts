// The measurements: each Ferry operation and its baseline, alternated run by run so both see the same machine.
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlTotalSuite } from './control-total-suite.js';
import { type Feed, gzipCsvFeed, multiTypeFeed, trailerFeed } from './generate.js';
import { loadShapes } from './load-shapes.js';
import { loadRow, shapeFeeds } from './load-suites.js';
import { shellQuote as q, runFerry, runShell, type Sample } from './measure.js';
import { type Row, rowOf } from './row.js';
import { type PrepareOperation, prepareRules } from './rules.js';

export interface BenchContext {
  work: string;
  runs: number;
  serverUrl: string;
  /** Where the end-to-end load runs: throwaway server databases, or embedded PGlite (the default `ferry put`). */
  warehouse: 'postgres' | 'pglite';
  log(text: string): void;
  /** Whether an operation (trailer, split, gzip, gzcsv, load, small, budget) is to be measured. */
  want(operation: string): boolean;
  /** Whether a load shape (bench/lib/load-shapes.ts) is to be measured. */
  wantShape(shape: string): boolean;
}

export interface Size {
  label: string;
  bytes: number;
}

const originalDir = fileURLToPath(new URL('../original/', import.meta.url));

/** Generates a feed once per size (deterministic, so a kept file is the same file). */
export async function feed(path: string, make: (path: string) => Promise<Feed>): Promise<Feed> {
  const marker = `${path}.json`;
  if (existsSync(marker) && existsSync(path)) {
    return JSON.parse(await readFile(marker, 'utf8')) as Feed;
  }
  const made = await make(path);
  await writeFile(marker, JSON.stringify(made));
  return made;
}

export async function feedDir(context: BenchContext, size: Size) {
  const dir = join(context.work, 'feeds', size.label.replace(' ', ''));
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function feedsFor(context: BenchContext, size: Size) {
  const dir = await feedDir(context, size);
  const trailer = await feed(join(dir, 'trailer.txt'), (p) => trailerFeed(p, size.bytes));
  const multi = await feed(join(dir, 'multi.txt'), (p) => multiTypeFeed(p, size.bytes));
  const csv = await feed(join(dir, 'hosp.csv.gz'), (p) => gzipCsvFeed(p, size.bytes));
  // The same rows without the trailer, for psql's \copy.
  const rows = join(dir, 'rows.txt');
  if (!existsSync(rows)) runShell(`head -n -1 ${q(trailer.path)} > ${q(rows)}`);
  return { trailer, multi, csv, rows };
}

/** A fresh bucket directory holding only the input, hard-linked from the feed. */
export async function freshRoot(context: BenchContext, operation: PrepareOperation, source: string) {
  const root = join(context.work, 'run', operation);
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, 'external_input'), { recursive: true });
  await link(source, join(root, 'external_input', prepareRules[operation].fileName));
  return root;
}

async function scratch(context: BenchContext) {
  const dir = join(context.work, 'run', 'baseline');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

export function expectRecords(sample: Sample, records: number, what: string): Sample {
  if (sample.records !== records) {
    throw new Error(
      `${what}: expected ${records} records, found ${sample.records} (${JSON.stringify(sample)})`,
    );
  }
  return sample;
}

/** Runs `ferry` and each baseline `runs` times, interleaved, and returns every sample. */
async function alternate(
  context: BenchContext,
  ferry: () => Promise<Sample>,
  baselines: Array<() => Promise<Sample>>,
) {
  const ferrySamples: Sample[] = [];
  const baseSamples: Sample[][] = baselines.map(() => []);
  for (let run = 0; run < context.runs; run++) {
    ferrySamples.push(await ferry());
    for (const [index, baseline] of baselines.entries()) baseSamples[index]!.push(await baseline());
  }
  return { ferrySamples, baseSamples };
}

export async function sizeSuite(
  context: BenchContext,
  size: Size,
  original: boolean,
  load: boolean,
): Promise<Row[]> {
  const rows: Row[] = [];
  const show = (row: Row) => {
    rows.push(row);
    context.log(
      `  ${row.operation} vs ${row.baseline}: ${row.ferrySeconds.toFixed(2)} s vs ${row.baselineSeconds?.toFixed(2)} s, RSS ${row.ferryRssMb.toFixed(0)} MB`,
    );
  };
  if (context.want('control-total')) show(await controlTotalSuite(context, size));
  // `--only control-total` needs none of the other feeds (generating them takes minutes at 1 GB).
  if (!['trailer', 'split', 'gzip', 'gzcsv', 'load'].some((operation) => context.want(operation)))
    return rows;
  const feeds = await feedsFor(context, size);
  const sized = { label: size.label, bytes: feeds.trailer.bytes };
  const prepare = async (operation: PrepareOperation, source: Feed, extra = 0, copy = 'range') => {
    const root = await freshRoot(context, operation, source.path);
    return expectRecords(runFerry(['prepare', operation, root, copy]), source.records + extra, operation);
  };

  if (context.want('trailer')) {
    context.log(`${size.label}: trailer validation + strip`);
    const trailerBase = [
      async () => runShell(`head -n -1 ${q(feeds.trailer.path)} > out.txt`, await scratch(context)),
    ];
    if (original) {
      trailerBase.push(async () =>
        runShell(
          `python3 ${q(join(originalDir, 'trailer.py'))} ${q(feeds.trailer.path)} out.txt 4 14`,
          await scratch(context),
        ),
      );
    }
    const trailer = await alternate(context, () => prepare('trailer', feeds.trailer), trailerBase);
    show(
      rowOf(
        'trailer check + strip → processing/',
        'head -n -1',
        sized,
        trailer.ferrySamples,
        trailer.baseSamples[0]!,
      ),
    );
    if (original) {
      show(
        rowOf(
          'trailer check + strip → processing/',
          'original algorithm (Python)',
          sized,
          trailer.ferrySamples,
          trailer.baseSamples[1]!,
        ),
      );
    }

    // What a file costs when its copy must be rewritten (CRLF line endings, or a BOM without a header):
    // the same file through the rewrite path, which streams every data line back into the store.
    const rewrite = await alternate(context, () => prepare('trailer', feeds.trailer, 0, 'rewrite'), [
      trailerBase[0]!,
    ]);
    show(
      rowOf(
        'trailer check + strip, rewritten (as for CRLF input)',
        'head -n -1',
        sized,
        rewrite.ferrySamples,
        rewrite.baseSamples[0]!,
      ),
    );
  }
  if (context.want('split')) {
    context.log(`${size.label}: split by record type`);
    const multiSized = { label: size.label, bytes: feeds.multi.bytes };
    const splitBase = [
      async () =>
        runShell(`awk '{ print > ("OUT_" substr($0,1,2)) }' ${q(feeds.multi.path)}`, await scratch(context)),
    ];
    if (original) {
      splitBase.push(async () =>
        runShell(
          `python3 ${q(join(originalDir, 'split.py'))} ${q(feeds.multi.path)} . H1,D1,D2`,
          await scratch(context),
        ),
      );
    }
    const split = await alternate(
      context, // No trailer check in this rule: the trailer line is a record of an unknown type, dropped and counted.
      () => prepare('split', feeds.multi, 1),
      splitBase,
    );
    show(
      rowOf(
        'split by record type (3 codes)',
        'awk by first 2 chars',
        multiSized,
        split.ferrySamples,
        split.baseSamples[0]!,
      ),
    );
    if (original) {
      show(
        rowOf(
          'split by record type (3 codes)',
          'original algorithm (Python)',
          multiSized,
          split.ferrySamples,
          split.baseSamples[1]!,
        ),
      );
    }
  }
  if (context.want('gzip')) {
    context.log(`${size.label}: gzip + 4 parts`);
    const gzip = await alternate(context, () => prepare('gzip', feeds.trailer, 1), [
      async () => runShell(`gzip -1 -c ${q(feeds.trailer.path)} > out.gz`, await scratch(context)),
    ]);
    show(rowOf('gzip -1 + cut into 4 parts', 'gzip -1 -c', sized, gzip.ferrySamples, gzip.baseSamples[0]!));
  }
  if (context.want('gzcsv')) {
    context.log(`${size.label}: gzip CSV`);
    const gzcsv = await alternate(context, () => prepare('gzcsv', feeds.csv), [
      async () => runShell(`gzip -dc ${q(feeds.csv.path)} | gzip -1 -c > out.gz`, await scratch(context)),
    ]);
    show(
      rowOf(
        'gzip CSV: gunzip + header check + gzip 4 parts',
        'gzip -dc | gzip -1 -c',
        sized,
        gzcsv.ferrySamples,
        gzcsv.baseSamples[0]!,
      ),
    );
  }
  if (!load || !context.want('load')) return rows;
  const shapes = await shapeFeeds(context, size);
  for (const shape of loadShapes.filter((s) => context.wantShape(s))) {
    context.log(`${size.label}: end-to-end local load, ${shape}`);
    show(await loadRow(context, size, shape, shapes[shape]));
  }
  return rows;
}
