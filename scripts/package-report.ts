// After `osls package`: prints each function's zip size, bundle size and cold module-load time (median of fresh processes).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const packageDir = join(root, '.serverless');
const bundleDir = join(root, '.esbuild', '.build', 'functions');
const runs = Number(process.env.FERRY_REPORT_RUNS ?? 7);

/** The function key in serverless.yml, its zip, and the bundle inside it. */
const functions = [
  { name: 'processFile', zip: 'processFile.zip', bundle: 'process-file.mjs' },
  { name: 'logStatus', zip: 'logStatus.zip', bundle: 'log-status.mjs' },
  { name: 'reconcile', zip: 'reconcile.zip', bundle: 'reconcile.mjs' },
] as const;

// Each sample is a new node process, so nothing is cached: what a Lambda cold start pays to load the module.
const probe = [
  'const started = performance.now();',
  'await import(process.argv[1]);',
  'process.stdout.write(String(performance.now() - started));',
].join('\n');

function loadTimeMs(bundlePath: string): number {
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', probe, pathToFileURL(bundlePath).href],
    {
      encoding: 'utf8',
      // Only what Lambda itself sets: a bundle must load without Ferry's settings (they are read per container).
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', NODE_OPTIONS: '--enable-source-maps' },
    },
  );
  return Number(output);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

function main(): number {
  if (!existsSync(packageDir)) {
    console.error(`expected ${packageDir} from 'osls package', found nothing: run npm run package`);
    return 1;
  }
  console.log(`bundle report (${runs} fresh node ${process.version} processes per bundle)`);
  for (const fn of functions) {
    const zipPath = join(packageDir, fn.zip);
    const bundlePath = join(bundleDir, fn.bundle);
    if (!existsSync(zipPath) || !existsSync(bundlePath)) {
      console.error(
        `${fn.name}: expected ${zipPath} and ${bundlePath}, found ${readdirSync(packageDir).join(', ')}`,
      );
      return 1;
    }
    const samples = Array.from({ length: runs }, () => loadTimeMs(bundlePath));
    console.log(
      [
        `${fn.name.padEnd(12)}`,
        `zip ${mebibytes(statSync(zipPath).size)}`,
        `bundle ${mebibytes(statSync(bundlePath).size)}`,
        `load median ${median(samples).toFixed(1)} ms`,
        `(min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`,
      ].join('  '),
    );
  }
  return 0;
}

process.exitCode = main();
