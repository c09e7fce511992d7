// Deterministic synthetic feeds for the benchmarks: the same bytes for the same size on every machine and run.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** A linear congruential generator: cheap, seedable and identical everywhere. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
}

const categories = ['Classic', 'Fruit', 'Sorbet', 'Nut', 'Seasonal'];

/** One pipe-delimited 7-field record of `rdsftetl.dc_x_pa_flavor` (flavor_code fits its varchar(10)). */
function flavorLine(n: number, r: number): string {
  const price = ((r % 100_000) / 100).toFixed(2);
  const month = String((r % 12) + 1).padStart(2, '0');
  const day = String((r % 28) + 1).padStart(2, '0');
  return `${n}|FLV${r % 1_000_000}|Flavor number ${n} ${r % 97}|${categories[r % 5]}|2015-${month}-${day}|${price}|${r % 7 === 0 ? 'N' : 'Y'}\n`;
}

/** Writes blocks of about 1 MB from `line(n)` until `targetBytes`, then the optional last line. */
async function writeLines(
  path: string,
  targetBytes: number,
  line: (n: number) => string,
  last?: (records: number) => string,
  gzip = false,
): Promise<number> {
  let records = 0;
  let written = 0;
  function* blocks() {
    while (written < targetBytes) {
      const lines: string[] = [];
      for (let i = 0; i < 10_000; i++) lines.push(line(++records));
      const block = Buffer.from(lines.join(''));
      written += block.length;
      yield block;
    }
    if (last) yield Buffer.from(last(records));
  }
  if (gzip) await pipeline(Readable.from(blocks()), createGzip({ level: 6 }), createWriteStream(path));
  else await pipeline(Readable.from(blocks()), createWriteStream(path));
  return records;
}

export interface Feed {
  path: string;
  records: number;
  bytes: number;
}

const trailerLine = (records: number) => `TRL${String(records).padStart(10, '0')}\n`;

/** Pipe-delimited flavour records and a `TRL<count>` trailer (count at characters 4–13, rule `4:14`). */
export async function trailerFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(20240101);
  const records = await writeLines(path, targetBytes, (n) => flavorLine(n, next()), trailerLine);
  return { path, records, bytes: (await stat(path)).size };
}

/**
 * The trailer feed with control totals: `TRL<count, 10><sum of price, 20><sha256 of the data lines, 64>` (rule
 * positions 4:14, 14:34, 34:98). The sum is kept in cents, exact in a double at any size generated here.
 */
export async function controlTotalFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(20240101);
  const hash = createHash('sha256');
  let cents = 0;
  const line = (n: number) => {
    const r = next();
    cents += r % 100_000;
    const text = flavorLine(n, r);
    hash.update(text);
    return text;
  };
  const totals = (records: number) => {
    const sum = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    return `TRL${String(records).padStart(10, '0')}${sum.padStart(20, ' ')}${hash.digest('hex')}\n`;
  };
  const records = await writeLines(path, targetBytes, line, totals);
  return { path, records, bytes: (await stat(path)).size };
}

/** Claims with H1 header and D1/D2 detail records, a few unknown `X9` lines (dropped), and a trailer. */
export async function multiTypeFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(7007);
  const line = (n: number) => {
    const r = next();
    const claim = Math.floor(n / 5);
    if (n % 5 === 0) return `H1|C${claim}|M${r % 100_000}|2015-${String((r % 12) + 1).padStart(2, '0')}-01\n`;
    if (n % 997 === 0) return `X9|unknown record type ${r}\n`;
    const code = n % 5 <= 2 ? 'D1' : 'D2';
    return `${code}|C${claim}|${n % 5}|PRC${r % 10_000}|${((r % 500_000) / 100).toFixed(2)}\n`;
  };
  const records = await writeLines(path, targetBytes, line, trailerLine);
  return { path, records, bytes: (await stat(path)).size };
}

/** A gzip CSV with a header line; `targetBytes` is the size before compression. */
export async function gzipCsvFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(558);
  let first = true;
  const line = (n: number) => {
    const r = next();
    const header = first ? 'hospital_id,hospital_name,report_date,beds,admissions\n' : '';
    first = false;
    return `${header}${n},"Hospital ${r % 9973}, Unit ${n % 13}",2015-10-${String((r % 28) + 1).padStart(2, '0')},${r % 900},${r % 97}\n`;
  };
  const records = await writeLines(path, targetBytes, line, undefined, true);
  return { path, records, bytes: (await stat(path)).size };
}

/** `count` trailer feeds of about `bytes` each, named `BENCH_<n>_527.txt`. */
export async function smallFeeds(dir: string, count: number, bytes: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const next = random(10_000);
  const paths: string[] = [];
  let n = 0;
  for (let file = 1; file <= count; file++) {
    const lines: string[] = [];
    let size = 0;
    while (size < bytes - 20) {
      const line = flavorLine(++n, next());
      lines.push(line);
      size += line.length;
    }
    lines.push(trailerLine(lines.length));
    const path = join(dir, `BENCH_${String(file).padStart(4, '0')}_527.txt`);
    await writeFile(path, lines.join(''));
    paths.push(path);
  }
  return paths;
}

/** Fixed-width accounts (widths 10, 20, 8, 12: number, name, YYYYMMDD date, right-aligned balance), no trailer. */
export async function fixedWidthFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(600);
  const line = (n: number) => {
    const r = next();
    const date = `2015${String((r % 12) + 1).padStart(2, '0')}${String((r % 28) + 1).padStart(2, '0')}`;
    const balance = ((r % 10_000_000) / 100).toFixed(2).padStart(12);
    return `${`A${n}`.padEnd(10)}${`Account ${r % 99_991}`.padEnd(20)}${date}${balance}\n`;
  };
  const records = await writeLines(path, targetBytes, line);
  return { path, records, bytes: (await stat(path)).size };
}

/** Claims as the split loads them: an H1 line, then four D1 lines per claim (integer ids), and a trailer. */
export async function claimsFeed(path: string, targetBytes: number): Promise<Feed> {
  const next = random(700);
  const line = (n: number) => {
    const r = next();
    const claim = Math.floor((n - 1) / 5);
    if ((n - 1) % 5 === 0)
      return `H1|${claim}|M${r % 100_000}|2015-${String((r % 12) + 1).padStart(2, '0')}-01\n`;
    return `D1|${claim}|${(n - 1) % 5}|PRC${r % 10_000}|${((r % 500_000) / 100).toFixed(2)}\n`;
  };
  const records = await writeLines(path, targetBytes, line, trailerLine);
  return { path, records, bytes: (await stat(path)).size };
}
