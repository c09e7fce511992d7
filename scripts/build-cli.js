// `npm ci` runs this (the package's `prepare` script; npm 11 still runs the root package's own scripts): the first
// `ferry` command after install then starts at once. bin/ferry.js builds the bundle itself when this could not.
import { ensureBundle } from '../bin/cli-bundle.js';

try {
  await ensureBundle();
} catch (error) {
  console.warn(`ferry: the CLI bundle was not built now (${error.message}); the first command builds it`);
}
