// Benchmark (not a test): trailer validation + stripping of a generated 1 GB file through prepareFile, beside `head -n -1`.
//
// Usage: npx tsx bench/trailer-1gb.ts [--mb 1024] [--runs 3] [--dir /tmp] [--keep]
// --dir /dev/shm keeps disk writeback out of the figures (both Ferry and head then read and write memory).
// Each measured run is a child process, so its peak RSS (`process.resourceUsage().maxRSS`) is its own.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../lib/config/rule.js';
import { prepareFile } from '../lib/ingest/prepare-file.js';
import type { ObjectBody, ObjectInfo, ObjectStore } from '../lib/ports/object-store.js';

const fileName = 'BENCH_20240101_527.txt';
const inputKey = `external_input/${fileName}`;

const rule: Rule = {
  id: 4,
  interfaceId: '527',
  interfaceName: 'NDC_X_PA_TYPE',
  target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
  token: '527',
  format: 'txt',
  fileType: 'txt',
  compression: 'none',
  layout: 'delimited',
  delimiter: '|',
  header: false,
  checkHeader: false,
  trailer: { start: 4, end: 14 },
  columns: [
    'flavor_id',
    'flavor_code',
    'flavor_name',
    'category',
    'effective_date',
    'price',
    'active_flag',
  ].map((name) => ({ name })),
  emptyAsNull: false,
  blanksAsNull: false,
  truncateColumns: false,
  acceptAnyDate: true,
  dateFormat: 'auto',
  timeFormat: 'auto',
  output: { compression: 'none', parts: 1 },
};

/**
 * A minimal directory-backed store: what Ferry's own work costs, without the local store's MD5, fsync and ETag
 * sidecar. It reads 1 MiB chunks (LocalObjectStore reads Node's default 64 KiB): per-chunk stream and syscall
 * costs, not the line scan, are most of the CPU at 64 KiB.
 */
class PlainFileStore implements ObjectStore {
  constructor(
    readonly root: string,
    readonly bucket = 'bench',
  ) {}
  private path(key: string) {
    return join(this.root, key);
  }
  async head(key: string): Promise<ObjectInfo | undefined> {
    const stats = await stat(this.path(key)).catch(() => undefined);
    return stats && { key, size: stats.size, etag: String(stats.mtimeMs), lastModified: stats.mtime };
  }
  async get(key: string): Promise<Readable> {
    return createReadStream(this.path(key), { highWaterMark: 1 << 20 });
  }
  async put(key: string, body: ObjectBody): Promise<ObjectInfo> {
    await mkdir(dirname(this.path(key)), { recursive: true });
    const source =
      typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
    await pipeline(source, createWriteStream(this.path(key)));
    return (await this.head(key))!;
  }
  async copy(fromKey: string, toKey: string): Promise<ObjectInfo> {
    await mkdir(dirname(this.path(toKey)), { recursive: true });
    await copyFile(this.path(fromKey), this.path(toKey));
    return (await this.head(toKey))!;
  }
  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch(() => undefined);
  }
  async *list(): AsyncIterable<ObjectInfo> {}
}

/** Deterministic pipe-delimited 7-field records (a linear congruential generator), then `TRL<count>`. */
async function generate(path: string, targetBytes: number): Promise<number> {
  let seed = 20240101;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const categories = ['Classic', 'Fruit', 'Sorbet', 'Nut', 'Seasonal'];
  let records = 0;
  let written = 0;
  function* blocks() {
    while (written < targetBytes) {
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        records++;
        const r = next();
        const price = ((r % 100_000) / 100).toFixed(2);
        const month = String((r % 12) + 1).padStart(2, '0');
        const day = String((r % 28) + 1).padStart(2, '0');
        lines.push(
          `${records}|FLV${r % 1_000_000}|Flavor number ${records} ${r % 97}|${categories[r % 5]}|2015-${month}-${day}|${price}|${r % 7 === 0 ? 'N' : 'Y'}\n`,
        );
      }
      const block = Buffer.from(lines.join(''));
      written += block.length;
      yield block;
    }
    yield Buffer.from(`TRL${String(records).padStart(10, '0')}\n`);
  }
  await pipeline(Readable.from(blocks()), createWriteStream(path));
  return records;
}

async function storeFor(kind: string, root: string): Promise<ObjectStore> {
  if (kind === 'plain') return new PlainFileStore(root);
  const module = '../lib/adapters/local/local-object-store.js';
  const { LocalObjectStore } = (await import(module)) as {
    LocalObjectStore: new (options: { root: string; bucket: string }) => ObjectStore;
  };
  return new LocalObjectStore({ root, bucket: 'bench' });
}

/** Child mode: one prepareFile run against `root`, printing a JSON line. */
async function measure(kind: string, root: string): Promise<void> {
  const store = await storeFor(kind, root);
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const prepared = await prepareFile({
    store,
    key: inputKey,
    rule,
    runId: 'bench',
    processingPrefix: 'processing/',
    inputPrefix: 'external_input/',
    now: new Date('2024-01-01T00:00:00Z'),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({ seconds, cpuSeconds, records: prepared.records, bytes: prepared.bytesRead, maxRssMb }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1]! : fallback;
  };
  if (args.includes('--measure')) return measure(option('measure', 'plain'), option('root', ''));

  const megabytes = Number(option('mb', '1024'));
  const runs = Number(option('runs', '3'));
  const work = await mkdtemp(join(option('dir', tmpdir()), 'ferry-bench-'));
  const source = join(work, fileName);
  try {
    process.stdout.write(`generating ${megabytes} MB in ${work} … `);
    const records = await generate(source, megabytes * 1024 * 1024);
    const size = (await stat(source)).size;
    console.log(`${records} records, ${size} bytes`);

    // Other work on the machine stretches wall-clock times; CPU seconds are steadier, so both are shown.
    console.log(
      `load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    const headTimes: number[] = [];
    const headCpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const command = `head -n -1 '${source}' > '${join(work, 'head.out')}'`;
      const head = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sh', '-c', command], { encoding: 'utf8' });
      if (head.status !== 0) throw new Error(`head failed: ${head.stderr}`);
      headTimes.push(Number(process.hrtime.bigint() - started) / 1e9);
      const [user, system] = head.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      headCpu.push(user! + system!);
    }
    await rm(join(work, 'head.out'));
    const headSeconds = median(headTimes);
    console.log(
      `head -n -1 > OUT: median ${headSeconds.toFixed(2)} s (${(size / 1e6 / headSeconds).toFixed(0)} MB/s), ` +
        `CPU ${median(headCpu).toFixed(2)} s (runs: ${headTimes.map((t) => t.toFixed(2)).join(', ')})`,
    );

    const here = fileURLToPath(import.meta.url);
    const localStore = join(dirname(here), '../lib/adapters/local/local-object-store.ts');
    const kinds = existsSync(localStore) ? ['plain', 'local'] : ['plain'];
    for (const kind of kinds) {
      const root = join(work, kind);
      await mkdir(join(root, 'external_input'), { recursive: true });
      await link(source, join(root, inputKey));
      const results: { seconds: number; cpuSeconds: number; records: number; maxRssMb: number }[] = [];
      for (let run = 0; run < runs; run++) {
        await rm(join(root, 'processing'), { recursive: true, force: true });
        const child = spawnSync(
          process.execPath,
          [...process.execArgv, here, '--measure', kind, '--root', root],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 20,
            timeout: 600_000,
          },
        );
        // Exit code 13: the run's top-level await never settled (a promise nothing will resolve).
        const why = child.status === 13 ? 'never finished (unsettled top-level await)' : child.stderr;
        if (child.status !== 0) {
          console.log(`prepareFile (${kind}): run failed, exit ${child.status ?? child.signal}: ${why}`);
          break;
        }
        results.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!));
      }
      if (results.length === 0) continue;
      if (results.some((r) => r.records !== records))
        throw new Error(`expected ${records} records in every run`);
      const seconds = median(results.map((r) => r.seconds));
      const rss = Math.max(...results.map((r) => r.maxRssMb));
      console.log(
        `prepareFile (${kind === 'plain' ? 'plain file store' : 'LocalObjectStore'}): median ${seconds.toFixed(2)} s, ` +
          `${(size / 1e6 / seconds).toFixed(0)} MB/s, CPU ${median(results.map((r) => r.cpuSeconds)).toFixed(2)} s, ` +
          `peak RSS ${rss.toFixed(0)} MB, ` +
          `${(seconds / headSeconds).toFixed(2)}× head (runs: ${results.map((r) => r.seconds.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    if (!args.includes('--keep')) await rm(work, { recursive: true, force: true });
  }
}

await main();
