#!/usr/bin/env node
// The `ferry` command: runs the bundled CLI (built on first use, rebuilt when a source changes), or the TypeScript
// sources through tsx where esbuild is not installed.
import module from 'node:module';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from './cli-bundle.js';

// Node caches the compiled code of the bundle and of the packages it loads (PGlite) across runs.
module.enableCompileCache?.();
const bundle = await ensureBundle();
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../lib/cli/main.ts');
}
