// The product's import graph, read from the source with the TypeScript parser: every import, re-export and import().
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Import {
  /** The importing file, relative to the project root (`lib/wiring/aws-parts.ts`). */
  from: string;
  /** The specifier as written (`../core/errors.js`, `pg`). */
  specifier: string;
  /** A product file the import resolves to (`lib/core/errors.ts`); absent for packages and `node:` modules. */
  to?: string;
  /** `import type`, `export type`, or every named binding marked `type`: erased at run time. */
  typeOnly: boolean;
}

export interface SourceFile {
  path: string;
  statements: readonly ts.Statement[];
  imports: Import[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return (
      !!clause &&
      ts.isNamedExports(clause) &&
      clause.elements.length > 0 &&
      clause.elements.every((e) => e.isTypeOnly)
    );
  }
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

/** `../core/errors.js` from `lib/wiring/x.ts` → `lib/core/errors.ts` (the sources import with `.js`). */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

export function readImports(path: string, text: string): SourceFile {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const to = resolveRelative(path, specifier);
    imports.push({ from: path, specifier, typeOnly, ...(to && { to }) });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, isTypeOnly(node));
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) add(literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path, statements: source.statements, imports };
}

/** Every `.ts` file (not `.d.ts`) under the given folders, with its imports; paths relative to `root`. */
export function readSourceTree(root: string, folders: string[]): SourceFile[] {
  return folders
    .flatMap((folder) => walk(join(root, folder)))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => {
      const path = relative(root, file).split('\\').join('/');
      return readImports(path, readFileSync(file, 'utf8'));
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
export function importCircles(files: SourceFile[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    edges.set(
      file.path,
      file.imports.flatMap((i) => (i.to ? [i.to] : [])),
    );
  }
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!edges.has(target)) continue;
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)!.includes(file)) circles.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) connect(file);
  return circles;
}

/** The repository root, whatever directory the tests run from. */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
