// Ferry's layering as data, and the checks that read an import graph against it (each finding names file and import).
import ts from 'typescript';
import type { Import, SourceFile } from './import-graph.js';

export const layers = [
  'functions',
  'wiring',
  'cli',
  'use-cases',
  'records',
  'core',
  'adapters',
  'ports',
] as const;
export type Layer = (typeof layers)[number];

/**
 * What each layer may import besides itself. The CLI is an entry point like the functions: it calls the composition
 * root (wiring) and may use adapters; wiring never imports the CLI, so the Lambda bundles never carry it.
 */
export const allowedImports: Record<Layer, readonly Layer[]> = {
  functions: ['wiring'],
  wiring: ['use-cases', 'records', 'core', 'adapters', 'ports'],
  cli: ['wiring', 'use-cases', 'records', 'core', 'adapters', 'ports'],
  'use-cases': ['records', 'core', 'ports'],
  records: ['core', 'ports'],
  core: ['ports'],
  adapters: ['records', 'core', 'ports'],
  ports: [],
};

/** Adapters may see the records' table types (Kysely's `Database`), never their code. */
const typeOnlyImports: Partial<Record<Layer, readonly Layer[]>> = { adapters: ['records'] };

/** Packages and Node modules the inner layers never import: drivers, SDKs, the file system, the logger. */
const driverPackages = [
  /^@aws-sdk\//,
  /^pg$/,
  /^pg-copy-streams$/,
  /^@electric-sql\/pglite(\/|$)/,
  /^(node:)?fs(\/|$)/,
  /^pino$/,
];
const driverFreeLayers: readonly Layer[] = ['core', 'records', 'use-cases', 'ports'];
/** The logger port is pino's interface: the one type-only pino import. */
const allowedDriverImports = [{ file: 'lib/ports/logger.ts', specifier: 'pino', typeOnly: true }];

export function layerOf(path: string): Layer | undefined {
  if (path.startsWith('functions/')) return 'functions';
  const [top, second] = path.split('/');
  return top === 'lib' ? layers.find((layer) => layer === second) : undefined;
}

const describe = (i: Import) => `${i.from} imports '${i.specifier}'${i.typeOnly ? ' (type only)' : ''}`;

/** Imports from a layer to one it may not reach. */
export function upwardImports(files: SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.imports.flatMap((i) => {
      const from = layerOf(i.from);
      const to = i.to ? layerOf(i.to) : undefined;
      if (!from || !to || from === to) return [];
      if (!allowedImports[from].includes(to)) return [`${describe(i)}: ${from} may not import ${to}`];
      if (typeOnlyImports[from]?.includes(to) && !i.typeOnly) {
        return [`${describe(i)}: ${from} may import only types from ${to}`];
      }
      return [];
    }),
  );
}

/** The schema migrations sit at the top level (timestamp-named, Kysely's habit); only the records apply them. */
const outsideFolders: Partial<Record<Layer, readonly string[]>> = { records: ['migrations/'] };

/** Imports outside the product from a product file, e.g. `lib/core/x.ts` importing `../../test/y.js`. */
export function importsOutsideProduct(files: SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.imports.flatMap((i) => {
      if (!i.to || layerOf(i.to)) return [];
      const allowed = outsideFolders[layerOf(i.from)!]?.some((folder) => i.to!.startsWith(folder));
      return allowed ? [] : [`${describe(i)}: outside lib/ and functions/`];
    }),
  );
}

/** Drivers, SDKs and the file system reached from a layer that must stay free of them. */
export function driverImports(files: SourceFile[]): string[] {
  return files.flatMap((file) => {
    const layer = layerOf(file.path);
    if (!layer || !driverFreeLayers.includes(layer)) return [];
    return file.imports.flatMap((i) => {
      if (i.to || !driverPackages.some((pattern) => pattern.test(i.specifier))) return [];
      const allowed = allowedDriverImports.some(
        (a) => a.file === i.from && a.specifier === i.specifier && a.typeOnly === i.typeOnly,
      );
      return allowed ? [] : [`${describe(i)}: ${layer} may not import drivers, SDKs or the file system`];
    });
  });
}

/** A function entry point is `export { handler } from '../lib/wiring/….js'` and nothing else (comments aside). */
export function entryPointProblems(files: SourceFile[]): string[] {
  return files
    .filter((file) => layerOf(file.path) === 'functions')
    .flatMap((file) => {
      const reExport = (statement: ts.Statement) =>
        ts.isExportDeclaration(statement) &&
        !statement.isTypeOnly &&
        !!statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.moduleSpecifier.text.startsWith('../lib/wiring/') &&
        !!statement.exportClause &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.length === 1 &&
        statement.exportClause.elements[0]!.name.text === 'handler';
      const others = file.statements.filter((statement) => !reExport(statement));
      if (file.statements.length === 1 && others.length === 0) return [];
      return [
        `${file.path}: expected one statement re-exporting a handler from lib/wiring, found ${file.statements.length} ` +
          `statement(s), ${others.length} of them something else`,
      ];
    });
}
