// The CLI as one prebuilt JavaScript file: built with esbuild on first use and again whenever a source is newer.
// Compiling TypeScript through tsx and resolving Kysely's and the AWS SDK's hundreds of files cost seconds on every
// command; the bundle starts in a fraction of that. npm 11 skips install scripts, so nothing builds it at install.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = join(root, 'lib', 'cli', 'main.ts');
// Two levels below the root, like lib/cli/: `new URL('../../', import.meta.url)` still finds sql/ and migrations/.
export const bundleFile = join(root, 'dist', 'cli', 'ferry.js');
/** The project files the bundle was built from (not node_modules), and the lockfile: any newer one means rebuild. */
const inputsFile = join(root, 'dist', 'cli', 'ferry.inputs.json');

/** True when the bundle exists and no file it was built from changed since. */
export function bundleIsFresh() {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(bundleFile).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  for (const input of inputs) {
    const changed = statSync(join(root, input), { throwIfNoEntry: false });
    if (!changed || changed.mtimeMs > builtAt) return false;
  }
  return true;
}

/** Builds the bundle; concurrent builds each write their own file and rename it, so a reader never sees half. */
export async function buildBundle() {
  const { build } = await import('esbuild');
  await mkdir(dirname(bundleFile), { recursive: true });
  const temporary = `${bundleFile}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    metafile: true,
    logLevel: 'error',
    // PGlite finds its wasm and data files beside its own module; pg-native is an optional driver pg never needs.
    external: ['@electric-sql/pglite', 'pg-native'],
    // Bundled CommonJS packages (pg, pino) call require for Node's built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(root, input)))
    .filter((input) => !input.startsWith('node_modules'));
  inputs.push('package-lock.json', relative(root, fileURLToPath(import.meta.url)));
  const inputsTemporary = `${inputsFile}.${process.pid}.tmp`;
  writeFileSync(inputsTemporary, JSON.stringify(inputs));
  renameSync(inputsTemporary, inputsFile);
  renameSync(temporary, bundleFile);
}

/** The bundle's path when it is fresh or could be built; undefined when esbuild is missing (a production install). */
export async function ensureBundle() {
  if (bundleIsFresh()) return bundleFile;
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) return undefined;
  await buildBundle();
  return bundleFile;
}
