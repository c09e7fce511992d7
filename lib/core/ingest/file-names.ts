// Names of what preparation writes: the prepared copy, its parts, and split parts that re-enter the input folder.
import { fileNameOf } from '../keys/object-key.js';
import { lastExtension } from '../rules/file-name.js';
import { compactStamp } from '../time/wall-clock.js';

/**
 * `processing/<run id>/`: what one run prepares sits in a folder of its own, so two files with one base name (from
 * two input folders, or one name uploaded again) never write, load or archive each other's objects.
 */
export function runFolder(processingPrefix: string, runId: string): string {
  return `${processingPrefix}${runId}/`;
}

/** `processing/<run id>/<file name>.manifest`: the manifest naming exactly the run's objects. */
export function manifestKey(processingPrefix: string, runId: string, fileName: string): string {
  return `${runFolder(processingPrefix, runId)}${fileName}.manifest`;
}

/** `<folder><file name>`, with `.gz` when the copy is gzipped (a `.bz2` suffix gives way to it). */
export function preparedKey(folder: string, key: string, gzip: boolean): string {
  return folder + gzipName(fileNameOf(key), gzip);
}

/** `<folder><file name>.part-0001.gz`: parts of one prepared copy, numbered from 1. */
export function partKey(folder: string, key: string, index: number, gzip: boolean): string {
  return `${folder}${fileNameOf(key)}.part-${String(index).padStart(4, '0')}${gzip ? '.gz' : ''}`;
}

/**
 * `<name before first '.'>-<yyyyMMddHHmmss>_<token>-<code>.<ext>`: the part's token `<token>-<code>` matches the
 * child rule. `ext` is the parent's last extension, `gz` for a bzip2 parent (its parts are written gzipped).
 */
export function splitPartName(
  parentKey: string,
  token: string,
  code: string,
  now: Date,
  timezone: string,
  gzip: boolean,
) {
  const name = fileNameOf(parentKey);
  const stem = name.split('.', 1)[0] ?? '';
  const parentExtension = name.includes('.') ? lastExtension(name) : '';
  const extension = gzip && parentExtension !== 'gz' ? 'gz' : parentExtension;
  const suffix = extension === '' ? '' : `.${extension}`;
  return `${stem}-${compactStamp(now, timezone)}_${token}-${code}${suffix}`;
}

function gzipName(name: string, gzip: boolean): string {
  if (!gzip) return name;
  const stem = name.endsWith('.bz2') ? name.slice(0, -'.bz2'.length) : name;
  return stem.endsWith('.gz') ? stem : `${stem}.gz`;
}
