// Moves a finished run's objects to the archive under keys fixed per run, so a retried or repeated event lands on the same keys.
import type { ObjectStore } from '../ports/object-store.js';
import { archiveKey, errorArchiveKey, moveObject } from '../storage/archive.js';
import { fileNameOf } from '../storage/object-key.js';
import { ObjectNotFoundError } from '../storage/object-not-found-error.js';
import type { RunFacts } from './run-facts.js';
import type { StatusDependencies } from './status-dependencies.js';

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

function archiveFolder(deps: StatusDependencies): string {
  return deps.settings.archivePrefix.replace(/\/+$/, '');
}

/** Prepared copies Ferry wrote itself: never anything outside the processing folder. */
function preparedKeys(deps: StatusDependencies, facts: RunFacts): string[] {
  return facts.run.prepared_keys.filter((key) => key.startsWith(deps.settings.processingPrefix));
}

/** The original's key when it is still Ferry's to move (it sits in the input folder). */
function originalKey(deps: StatusDependencies, facts: RunFacts): string | undefined {
  const key = facts.run.object_key;
  return key.startsWith(deps.settings.inputPrefix) ? key : undefined;
}

/**
 * `archive/<interface cid>/<name>_<run created, wall clock>` for the original, and `preprocessed_file_<name>_…` for
 * each prepared copy. The original goes first: its copy exists before anything else of the run is deleted.
 */
export async function archiveLoadedRun(deps: StatusDependencies, facts: RunFacts): Promise<string[]> {
  const { store, settings } = deps;
  const folder = archiveFolder(deps);
  const moved: string[] = [];
  const original = originalKey(deps, facts);
  if (original !== undefined) {
    const to = archiveKey(facts.interfaceId, facts.fileName, facts.createdAt, settings.timezone, { folder });
    moved.push(await moveOnce(store, original, to));
  }
  for (const key of preparedKeys(deps, facts)) {
    const to = archiveKey(facts.interfaceId, fileNameOf(key), facts.createdAt, settings.timezone, {
      folder,
      preprocessed: true,
    });
    moved.push(await moveOnce(store, key, to));
  }
  return moved;
}

/** The original to `archive/error/<name>_<run created>`; the prepared copies are Ferry's own and are removed. */
export async function archiveFailedRun(deps: StatusDependencies, facts: RunFacts): Promise<string[]> {
  const { store, settings } = deps;
  const moved: string[] = [];
  const original = originalKey(deps, facts);
  if (original !== undefined) {
    const to = errorArchiveKey(facts.fileName, facts.createdAt, settings.timezone, {
      folder: archiveFolder(deps),
    });
    moved.push(await moveOnce(store, original, to));
  }
  for (const key of preparedKeys(deps, facts)) await store.delete(key);
  return moved;
}
