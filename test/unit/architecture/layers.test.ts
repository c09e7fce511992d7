// The product's layering, read from its imports: nothing runs upward, nothing circles, drivers stay at the edge.
import { describe, expect, it } from 'vitest';
import { importCircles, projectRoot, readImports, readSourceTree, type SourceFile } from './import-graph.js';
import {
  driverImports,
  entryPointProblems,
  importsOutsideProduct,
  layerOf,
  upwardImports,
} from './layer-rules.js';

const product = readSourceTree(projectRoot, ['lib', 'functions']);

/** A made-up tree, to show each check reports what it should (the real tree must report nothing). */
const tree = (files: Record<string, string>): SourceFile[] =>
  Object.entries(files).map(([path, text]) => readImports(path, text));

describe('the product layers', () => {
  it('reads every layer from the source tree', () => {
    const found = new Set(product.map((file) => layerOf(file.path)));

    expect([...found].sort()).toEqual(
      ['adapters', 'cli', 'core', 'functions', 'ports', 'records', 'use-cases', 'wiring'].sort(),
    );
    expect(product.filter((file) => !layerOf(file.path)).map((file) => file.path)).toEqual([]);
  });

  it('has no import that runs upward (functions → wiring → cli/use cases → records/core → ports)', () => {
    expect(upwardImports(product)).toEqual([]);
  });

  it('imports nothing from outside lib/ and functions/', () => {
    expect(importsOutsideProduct(product)).toEqual([]);
  });

  it('has no import circle, type-only imports included', () => {
    expect(importCircles(product)).toEqual([]);
  });

  it('keeps SDKs, pg, PGlite and node:fs out of core, records, use cases and ports', () => {
    expect(driverImports(product)).toEqual([]);
  });

  it('has function entry points that only re-export a handler from lib/wiring', () => {
    expect(entryPointProblems(product)).toEqual([]);
  });
});

describe('the layer checks', () => {
  it('name the file and import of an upward import, and of adapter code reached from a use case', () => {
    const files = tree({
      'lib/core/rules/rule.ts': "import { handler } from '../../wiring/process-file-handler.js';",
      'lib/use-cases/process-file/intake.ts':
        "import { S3ObjectStore } from '../../adapters/aws/s3-object-store.js';",
      'lib/adapters/local/outbox-notifier.ts': "import { claimRun } from '../../records/runs.js';",
      'lib/wiring/aws-parts.ts': "import type { Database } from '../records/tables.js';",
    });

    expect(upwardImports(files)).toEqual([
      "lib/core/rules/rule.ts imports '../../wiring/process-file-handler.js': core may not import wiring",
      "lib/use-cases/process-file/intake.ts imports '../../adapters/aws/s3-object-store.js': use-cases may not import adapters",
      "lib/adapters/local/outbox-notifier.ts imports '../../records/runs.js': adapters may import only types from records",
    ]);
  });

  it('find a circle of two files however the imports are written', () => {
    const files = tree({
      'lib/core/a.ts': "export type { B } from './b.js';",
      'lib/core/b.ts': "import type { A } from './a.js';\nexport type B = A;",
      'lib/core/c.ts': "import { a } from './a.js';",
    });

    expect(importCircles(files)).toEqual([['lib/core/a.ts', 'lib/core/b.ts']]);
  });

  it('name a driver reached from the core, but allow the logger port its type-only pino import', () => {
    const files = tree({
      'lib/core/ingest/x.ts': "import { readFile } from 'node:fs/promises';\nimport pg from 'pg';",
      'lib/records/y.ts': "const pglite = await import('@electric-sql/pglite');",
      'lib/ports/logger.ts': "export type { Logger } from 'pino';",
      'lib/adapters/postgres/z.ts': "import pg from 'pg';",
    });

    expect(driverImports(files)).toEqual([
      "lib/core/ingest/x.ts imports 'node:fs/promises': core may not import drivers, SDKs or the file system",
      "lib/core/ingest/x.ts imports 'pg': core may not import drivers, SDKs or the file system",
      "lib/records/y.ts imports '@electric-sql/pglite': records may not import drivers, SDKs or the file system",
    ]);
  });

  it('refuse a function entry point that does more than re-export a handler from lib/wiring', () => {
    const files = tree({
      'functions/good.ts':
        "// Entry point.\nexport { handler } from '../lib/wiring/process-file-handler.js';",
      'functions/wired.ts':
        "import { makeHandler } from '../lib/wiring/process-file-handler.js';\nexport const handler = makeHandler(async () => ({}) as never);",
      'functions/core.ts': "export { handler } from '../lib/use-cases/process-file/process-file.js';",
    });

    expect(entryPointProblems(files)).toEqual([
      'functions/wired.ts: expected one statement re-exporting a handler from lib/wiring, found 2 statement(s), 2 of them something else',
      'functions/core.ts: expected one statement re-exporting a handler from lib/wiring, found 1 statement(s), 1 of them something else',
    ]);
  });
});
