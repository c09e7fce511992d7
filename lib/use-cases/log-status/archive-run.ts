// Moves a finished run's objects to the archive under keys fixed per run, so a retried or repeated event lands on the same keys.

import { archiveKey, errorArchiveKey, inputFolderOf, moveObject } from '../../core/keys/archive.js';
import { fileNameOf, sameEtag } from '../../core/keys/object-key.js';
import { ObjectNotFoundError } from '../../core/keys/object-not-found-error.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ArchiveFacts, Run } from '../../records/run.js';
import { replacedLater } from '../../records/runs.js';
import type { StatusDependencies } from './status-dependencies.js';
import type { StatusRun } from './status-run.js';

type ArchiveDependencies = Pick<StatusDependencies, 'db' | 'store' | 'log' | 'settings'>;

/**
 * A move whose source is gone but whose destination exists was done by an earlier or concurrent delivery.
 * A source gone with no destination is not ours to paper over: the error stands.
 */
export async function moveOnce(store: ObjectStore, fromKey: string, toKey: string): Promise<string> {
  try {
    return (await moveObject(store, fromKey, toKey)).key;
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.context.key === fromKey) {
      if ((await store.head(toKey)) !== undefined) return toKey;
    }
    throw error;
  }
}

function archiveFolder(deps: ArchiveDependencies): string {
  return deps.settings.archivePrefix.replace(/\/+$/, '');
}

/** Prepared copies Ferry wrote itself: never anything outside the processing folder. */
function preparedKeys(deps: ArchiveDependencies, facts: Pick<StatusRun, 'run'>): string[] {
  return facts.run.preparedKeys.filter((key) => key.startsWith(deps.settings.processingPrefix));
}

/** The original's key when it is still Ferry's to move (it sits in the input folder). */
function originalKey(deps: ArchiveDependencies, facts: Pick<StatusRun, 'run'>): string | undefined {
  const { key } = facts.run;
  return key.startsWith(deps.settings.inputPrefix) ? key : undefined;
}

/**
 * Moves the run's own version of the original. The key may hold a newer version by now (the partner uploaded the
 * file again while the load ran): that version has a run of its own and is never moved under this one. A run whose
 * version was replaced, and whose copy no earlier delivery archived, has no original left to move: undefined, so
 * the run still finishes by its statement's outcome instead of waiting for an object that cannot come back.
 */
async function moveOriginal(
  deps: ArchiveDependencies,
  facts: Pick<StatusRun, 'run'>,
  key: string,
  to: string,
): Promise<string | undefined> {
  const { store } = deps;
  const { run } = facts;
  const current = await store.head(key);
  if (current !== undefined && sameEtag(current.etag, run.etag)) return moveOnce(store, key, to);
  const archived = await store.head(to);
  if (archived !== undefined && sameEtag(archived.etag, run.etag)) return to;
  if (current === undefined && !(await replacedLater(deps.db, run))) {
    // Gone with no newer version claimed and no copy of ours archived: not ours to paper over.
    return moveOnce(store, key, to);
  }
  deps.log.warn(
    { runId: run.id, key, etag: run.etag, found: current?.etag ?? null },
    'the original was replaced by a newer version while its load ran; the newer version has its own run',
  );
  return undefined;
}

/**
 * `archive/<interface cid>/<name>_<run created, wall clock>` for the original, and `preprocessed_file_<name>_…` for
 * each prepared copy. The original goes first: its copy exists before anything else of the run is deleted.
 */
export async function archiveLoadedRun(deps: ArchiveDependencies, facts: StatusRun): Promise<ArchivedRun> {
  const { store, settings } = deps;
  const folder = archiveFolder(deps);
  const moved: string[] = [];
  let originalReplaced = false;
  const original = originalKey(deps, facts);
  const inputFolder = inputFolderOf(facts.run.key, settings.inputPrefix);
  if (original !== undefined) {
    const to = archiveKey(facts.interfaceId, facts.fileName, facts.run.createdAt, settings.timezone, {
      folder,
      inputFolder,
    });
    const copy = await moveOriginal(deps, facts, original, to);
    if (copy !== undefined) moved.push(copy);
    originalReplaced = copy === undefined;
  }
  for (const key of preparedKeys(deps, facts)) {
    const to = archiveKey(facts.interfaceId, fileNameOf(key), facts.run.createdAt, settings.timezone, {
      folder,
      preprocessed: true,
      inputFolder,
    });
    moved.push(await moveOnce(store, key, to));
  }
  return archived(moved, originalReplaced);
}

/** The original to `archive/error/<name>_<run created>`; the prepared copies are Ferry's own and are removed. */
export async function archiveFailedRun(
  deps: ArchiveDependencies,
  facts: Pick<StatusRun, 'run' | 'fileName'>,
): Promise<ArchivedRun> {
  const { store, settings } = deps;
  const moved: string[] = [];
  let originalReplaced = false;
  const original = originalKey(deps, facts);
  if (original !== undefined) {
    const to = errorArchiveKey(facts.fileName, facts.run.createdAt, settings.timezone, {
      folder: archiveFolder(deps),
      inputFolder: inputFolderOf(original, settings.inputPrefix),
    });
    const copy = await moveOriginal(deps, facts, original, to);
    if (copy !== undefined) moved.push(copy);
    originalReplaced = copy === undefined;
  }
  for (const key of preparedKeys(deps, facts)) await store.delete(key);
  return archived(moved, originalReplaced);
}

/**
 * A loaded run that failed afterwards (its rejects did not close the sum): its archived original moves on to
 * archive/error/, where failed files are found and reprocessed from. Its prepared copies stay: they are what loaded.
 */
export async function rearchiveFailed(deps: ArchiveDependencies, facts: StatusRun): Promise<ArchivedRun> {
  const { run } = facts;
  const keys = run.facts.archive?.archivedKeys ?? [];
  const replaced = run.facts.archive?.originalReplaced === true;
  // archiveLoadedRun moved the original first, when it was in the input folder and not replaced meanwhile.
  const loadedCopy = originalKey(deps, facts) !== undefined && !replaced ? keys[0] : undefined;
  if (loadedCopy === undefined) return archived(keys, replaced);
  const to = errorArchiveKey(facts.fileName, run.createdAt, deps.settings.timezone, {
    folder: archiveFolder(deps),
    inputFolder: inputFolderOf(run.key, deps.settings.inputPrefix),
  });
  return archived([await moveOnce(deps.store, loadedCopy, to), ...keys.slice(1)], false);
}

/** What archiving did, as the run's archive facts record it. */
export type ArchivedRun = Required<Pick<ArchiveFacts, 'archivedKeys'>> &
  Pick<ArchiveFacts, 'originalReplaced'>;

function archived(keys: string[], originalReplaced: boolean): ArchivedRun {
  return originalReplaced ? { archivedKeys: keys, originalReplaced: true } : { archivedKeys: keys };
}

/** The run's facts with what archiving did added to its archive facts. */
export function withArchive(run: Run, archived: ArchivedRun): Run['facts'] {
  return { ...run.facts, archive: { ...run.facts.archive, ...archived } };
}
