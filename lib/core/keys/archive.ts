// Archiving: safe moves (copy, verify, then delete) and the original framework's archive key layout.

import type { ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { ConfigError, TerminalError, TransientError } from '../errors.js';
import { archiveStamp, checkTimezone } from '../time/wall-clock.js';
import { fileNameOf, MAX_KEY_BYTES } from './object-key.js';
import { ObjectNotFoundError } from './object-not-found-error.js';

export interface ArchiveKeyOptions {
  /** The prepared copy of a file: its name gets the `preprocessed_file_` prefix. */
  preprocessed?: boolean;
  /** The archive folder (the original's `archive_folder`); `archive` by default. */
  folder?: string;
  /**
   * The input key's folders below the input prefix (`a/` for `external_input/a/X`), kept under the interface's folder
   * so two inputs with one base name never race for one archive key.
   */
  inputFolder?: string;
}

const PREPROCESSED_PREFIX = 'preprocessed_file_';
// Enough for any realistic burst of same-name archives within one second.
const MAX_SUFFIX = 1000;
/** Bytes of the longest `-N` freeKeyFor may add. */
const SUFFIX_BYTES = `-${MAX_SUFFIX}`.length;

/**
 * Moves an object: copy, head the copy, check its size and ETag against the source, and only then delete the
 * source. Any failure leaves the source in place. An existing different object at `toKey` is never overwritten:
 * the copy goes to `<toKey>-1`, `-2`, …; an identical one (a retried move) is kept and only the source deleted.
 * Resolves to the copy, whose `key` says where it went.
 */
export async function moveObject(store: ObjectStore, fromKey: string, toKey: string): Promise<ObjectInfo> {
  if (fromKey === toKey) {
    throw new TerminalError(`expected different keys to move between, found ${fromKey} twice`, {
      context: { bucket: store.bucket, key: fromKey },
    });
  }
  const source = await store.head(fromKey);
  if (source === undefined) throw new ObjectNotFoundError(store.bucket, fromKey);
  const target = await freeKeyFor(store, source, toKey);
  if (target.existing === undefined) await store.copy(fromKey, target.key);
  const copy = await store.head(target.key);
  if (copy === undefined || !sameContent(copy, source)) {
    const found = copy === undefined ? 'no object' : `${copy.size} bytes, ETag ${copy.etag}`;
    throw new TransientError(
      `expected the copy at ${target.key} to have ${source.size} bytes and ETag ${source.etag}, found ${found}; ` +
        `${fromKey} was left in place`,
      { context: { bucket: store.bucket, key: fromKey } },
    );
  }
  await store.delete(fromKey);
  return copy;
}

/** `archive/<interface cid>/<file name>_<yyyy-MM-dd-HH-mm-ss>`, the time as a wall clock in `timezone`. */
export function archiveKey(
  interfaceId: string | number,
  fileName: string,
  at: Date,
  timezone: string,
  options: ArchiveKeyOptions = {},
): string {
  const folderName = String(interfaceId);
  if (folderName === '' || folderName.includes('/')) {
    throw new ConfigError(`expected an interface id without "/", found "${folderName}"`, {
      field: 'interface_cid',
    });
  }
  const inputFolder = options.inputFolder ?? '';
  return fitKey(
    `${options.folder ?? 'archive'}/${folderName}/${inputFolder}`,
    fileName,
    at,
    timezone,
    options,
  );
}

/**
 * `archive/error/<input folders><file name>_<yyyy-MM-dd-HH-mm-ss>`, where files that failed go. Like `archiveKey`,
 * it keeps the input folders, so two same-name failures from two input folders in one second never race for one key.
 */
export function errorArchiveKey(
  fileName: string,
  at: Date,
  timezone: string,
  options: ArchiveKeyOptions = {},
): string {
  return fitKey(
    `${options.folder ?? 'archive'}/error/${options.inputFolder ?? ''}`,
    fileName,
    at,
    timezone,
    options,
  );
}

/** `a/` for `external_input/a/X`; '' for a file at the top of the input folder or outside it. */
export function inputFolderOf(key: string, inputPrefix: string): string {
  if (!key.startsWith(inputPrefix)) return '';
  const relative = key.slice(inputPrefix.length);
  return relative.slice(0, relative.lastIndexOf('/') + 1);
}

/**
 * The key under which an earlier attempt already copied `source` near `toKey` (same name, any time stamp; same size
 * and ETag, copied after the source was uploaded). An attempt whose delete of the source failed leaves its copy
 * there; the retry, stamped a second later, must finish that move instead of archiving the file a second time.
 */
export async function earlierCopyKey(
  store: ObjectStore,
  source: ObjectInfo,
  toKey: string,
): Promise<string | undefined> {
  for await (const object of store.list(toKey.slice(0, toKey.lastIndexOf('_') + 1))) {
    // Copied after this version was uploaded: not an archive of the same bytes from an earlier upload.
    if (sameContent(object, source) && object.lastModified >= source.lastModified) return object.key;
  }
  return undefined;
}

/** `yyyy-MM-dd-HH-mm-ss` as the wall clock reads in the IANA `timezone` at `at`. */
export function archiveTimestamp(at: Date, timezone: string): string {
  try {
    checkTimezone(timezone);
  } catch {
    throw new ConfigError(`expected an IANA time zone such as "America/Chicago", found "${timezone}"`, {
      field: 'timezone',
    });
  }
  return archiveStamp(at, timezone);
}

/**
 * `<folder><prefix><name>_<stamp>`, the name cut (never the stamp) so the key, with room for the `-N` a taken key
 * gets, fits S3's 1,024 bytes: an input key can be that long already, and an archive key that does not fit would
 * leave the file stuck in the input.
 */
function fitKey(
  folder: string,
  fileName: string,
  at: Date,
  timezone: string,
  options: ArchiveKeyOptions,
): string {
  const prefix = options.preprocessed === true ? PREPROCESSED_PREFIX : '';
  const stamp = `_${archiveTimestamp(at, timezone)}`;
  const budget = MAX_KEY_BYTES - SUFFIX_BYTES - Buffer.byteLength(`${folder}${prefix}${stamp}`, 'utf8');
  return `${folder}${prefix}${cutToBytes(fileNameOf(fileName), budget)}${stamp}`;
}

/** The longest start of `text` (whole code points) that is at most `bytes` bytes of UTF-8. */
function cutToBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= bytes) return text;
  let cut = '';
  let used = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, 'utf8');
    if (used > bytes) break;
    cut += char;
  }
  return cut;
}

async function freeKeyFor(
  store: ObjectStore,
  source: ObjectInfo,
  toKey: string,
): Promise<{ key: string; existing?: ObjectInfo }> {
  for (let suffix = 0; suffix <= MAX_SUFFIX; suffix += 1) {
    const key = suffix === 0 ? toKey : `${toKey}-${suffix}`;
    const existing = await store.head(key);
    if (existing === undefined) return { key };
    if (sameContent(existing, source)) return { key, existing };
  }
  throw new TransientError(`expected a free archive key near ${toKey}, found ${MAX_SUFFIX} taken`, {
    context: { bucket: store.bucket, key: source.key },
  });
}

function sameContent(a: ObjectInfo, b: ObjectInfo): boolean {
  return a.size === b.size && a.etag === b.etag;
}
