// Runs one measured process — a Ferry child or a shell baseline — and reads its wall time and peak RSS.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface Sample {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  records?: number;
  [field: string]: unknown;
}

const ferryOp = fileURLToPath(new URL('../ferry-op.ts', import.meta.url));
/** Two folders deep, like lib/cli/, so the code's `new URL('../../', import.meta.url)` still finds the project. */
const bundle = fileURLToPath(new URL('../out/ferry-op.mjs', import.meta.url));

/**
 * Compiles the child once with esbuild, as Ferry ships to Lambda: a TypeScript loader in the measured process
 * would add its own compiler's memory (tens of MB) to every peak RSS figure.
 */
export async function bundleFerry(): Promise<void> {
  await build({
    entryPoints: [ferryOp],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** One Ferry operation in its own plain Node process (plus `nodeOptions`); call `bundleFerry()` first. */
export function runFerry(args: string[], nodeOptions: string[] = []): Sample {
  const child = spawnSync(process.execPath, [...nodeOptions, bundle, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    timeout: 3_600_000,
  });
  if (child.status !== 0) {
    throw new Error(
      `expected ferry ${args[0]} ${args[1]} to exit 0, found ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`,
    );
  }
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Sample;
}

/** A shell command under GNU time: wall clock from here, CPU and peak RSS (the largest process) from time. */
export function runShell(command: string, cwd?: string): Sample {
  const started = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '@@ %U %S %M', 'sh', '-c', command], {
    encoding: 'utf8',
    cwd,
    maxBuffer: 16 << 20,
    timeout: 3_600_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = child.stderr
    .split('\n')
    .reverse()
    .find((line) => line.startsWith('@@ '));
  if (child.status !== 0 || !stats) {
    throw new Error(`expected \`${command}\` to exit 0, found ${child.status}: ${child.stderr.slice(-2000)}`);
  }
  const [user, system, maxRssKb] = stats.slice(3).split(' ').map(Number);
  return { seconds, cpuSeconds: user! + system!, maxRssMb: maxRssKb! / 1024 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Single-quoted for sh. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
