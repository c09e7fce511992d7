// The original framework's reading of an object key: matching token and last extension of its file name.
import { fileNameOf } from '../keys/object-key.js';

/**
 * The matching token: the base name cut at its first `.`, then its last `_`-separated part.
 * `PROD_20151015_150510973_PA_FLAVOR_527.txt` → `527`; a split part `CLAIMS-20240102101010_700-H1.txt` → `700-H1`.
 */
export function fileToken(name: string): string {
  const base = fileNameOf(name);
  const stem = base.split('.', 1)[0] ?? '';
  return stem.slice(stem.lastIndexOf('_') + 1);
}

/** The text after the last `.` of the base name (`a.csv.gz` → `gz`), or `''` when it has none. */
export function lastExtension(name: string): string {
  const base = fileNameOf(name);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1);
}
