// The CLI as prebuilt JavaScript, an entry file and the chunks it loads on demand: built with esbuild on first use
// and again whenever a source is newer.
// Compiling TypeScript through tsx and resolving Kysely's and the AWS SDK's hundreds of files cost seconds on every
// command; the bundle starts in a fraction of that. npm 11 skips install scripts, so nothing builds it at install.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
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

/**
 * Builds the bundle: `ferry.js` and, beside it, the chunks it imports only when a command needs them (the AWS SDK,
 * the local runtime, the drivers), so `ferry --help` and `ferry status` do not load them. Each file is written under
 * a temporary name and renamed, the entry last, so a concurrent reader never sees half a build; chunks are named by
 * their content, so two concurrent builds write the same chunk identically.
 */
export async function buildBundle() {
  const { build } = await import('esbuild');
  const dir = dirname(bundleFile);
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: { ferry: entry },
    outdir: dir,
    write: false,
    bundle: true,
    splitting: true,
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
  const written = new Set();
  const writeAtomically = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
    written.add(basename(path));
  };
  for (const file of result.outputFiles)
    if (file.path !== bundleFile) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(root, input)))
    .filter((input) => !input.startsWith('node_modules'));
  inputs.push('package-lock.json', relative(root, fileURLToPath(import.meta.url)));
  writeAtomically(inputsFile, JSON.stringify(inputs));
  const entryFile = result.outputFiles.find((file) => file.path === bundleFile);
  if (!entryFile) throw new Error(`expected esbuild to write ${bundleFile}, found no such output`);
  writeAtomically(bundleFile, entryFile.contents);
  removeOldChunks(dir, written);
}

/** A chunk an hour old that this build did not write belongs to an earlier build no running command still loads. */
function removeOldChunks(dir, written) {
  const anHourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    if (written.has(name) || !name.endsWith('.js')) continue;
    const path = join(dir, name);
    if (statSync(path).mtimeMs < anHourAgo) rmSync(path, { force: true });
  }
}

/** The bundle's path when it is fresh or could be built; undefined when esbuild is missing (a production install). */
export async function ensureBundle() {
  if (bundleIsFresh()) return bundleFile;
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) return undefined;
  await buildBundle();
  return bundleFile;
}
