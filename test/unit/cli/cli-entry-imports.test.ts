// What `ferry --help`, `status`, `rules` and `sql` load at start: the CLI entry's static imports, as esbuild bundles
// them, reach none of the packages only other commands need (they are imported with `await import()` where used).
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const projectDir = join(import.meta.dirname, '..', '..', '..');
const entry = 'lib/cli/main.ts';
const loadedOnDemand =
  /node_modules\/(@aws-sdk\/[^/]+|@smithy\/[^/]+|pino|pg|pg-pool|pg-copy-streams|hyparquet|@electric-sql\/pglite)\//;

/** Each file the entry reaches through static imports, with the chain of project files that leads to it. */
function staticallyReached(metafile: Metafile): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import' || imported.external || chains.has(imported.path)) continue;
      chains.set(imported.path, [...(chains.get(file) ?? []), imported.path]);
      queue.push(imported.path);
    }
  }
  return chains;
}

describe('the CLI entry', () => {
  it('statically imports no AWS SDK, pg, pino, hyparquet or PGlite module', async () => {
    const { metafile } = await build({
      entryPoints: [entry],
      absWorkingDir: projectDir,
      bundle: true,
      splitting: true,
      outdir: 'unused',
      write: false,
      platform: 'node',
      format: 'esm',
      metafile: true,
      logLevel: 'error',
      external: ['pg-native'],
    });
    const offending = [...staticallyReached(metafile)]
      .filter(([file]) => loadedOnDemand.test(file))
      .map(([, chain]) => chain.filter((step) => !step.includes('node_modules')).join(' > '));
    expect([...new Set(offending)]).toEqual([]);
  });
});
