#!/usr/bin/env node
// The `ferry` command: runs the bundled CLI (built on first use, rebuilt when a source changes), or the TypeScript
// sources through tsx where esbuild is not installed.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { ensureBundle } from './cli-bundle.js';

// Node caches the compiled code of the bundle and of the packages it loads (PGlite) across runs.
module.enableCompileCache?.();
// PGlite's Postgres is 9 MB of WebAssembly. By default V8 recompiles every function that ran a little with its
// optimising compiler, on background threads: opening the config database for `status` or `rules` then cost about
// 1 CPU-second more than the command itself. A budget 100 times V8's default (1.8 million) still optimises what a long
// `put`, `watch` or `demo` keeps running, and spares the short commands the compile work they would never use.
v8.setFlagsFromString('--wasm-tiering-budget=180000000');
const bundle = await ensureBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../lib/cli/main.ts');
}
