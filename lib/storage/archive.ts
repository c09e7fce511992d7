// Archiving: safe moves (copy, verify, then delete) and the original framework's archive key layout.
import { ConfigError, TerminalError, TransientError } from '../errors.js';
import type { ObjectInfo, ObjectStore } from '../ports/object-store.js';
import { fileNameOf } from './object-key.js';
import { ObjectNotFoundError } from './object-not-found-error.js';

export interface ArchiveKeyOptions {
  /** The prepared copy of a file: its name gets the `preprocessed_file_` prefix. */
  preprocessed?: boolean;
  /** The archive folder (the original's `archive_folder`); `archive` by default. */
  folder?: string;
}

const PREPROCESSED_PREFIX = 'preprocessed_file_';
// Enough for any realistic burst of same-name archives within one second.
const MAX_SUFFIX = 1000;

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
  return `${options.folder ?? 'archive'}/${folderName}/${stampedName(fileName, at, timezone, options)}`;
}

/** `archive/error/<file name>_<yyyy-MM-dd-HH-mm-ss>`, where files that failed go. */
export function errorArchiveKey(
  fileName: string,
  at: Date,
  timezone: string,
  options: ArchiveKeyOptions = {},
): string {
  return `${options.folder ?? 'archive'}/error/${stampedName(fileName, at, timezone, options)}`;
}

/** `yyyy-MM-dd-HH-mm-ss` as the wall clock reads in the IANA `timezone` at `at`. */
export function archiveTimestamp(at: Date, timezone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timezone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}-${parts.hour}-${parts.minute}-${parts.second}`;
}

function stampedName(fileName: string, at: Date, timezone: string, options: ArchiveKeyOptions): string {
  const prefix = options.preprocessed === true ? PREPROCESSED_PREFIX : '';
  return `${prefix}${fileNameOf(fileName)}_${archiveTimestamp(at, timezone)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new ConfigError(`expected an IANA time zone such as "America/Chicago", found "${timezone}"`, {
        field: 'timezone',
      });
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
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
