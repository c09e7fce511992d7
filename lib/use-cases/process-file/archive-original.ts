// The original of a run that ends without a load of its own (a split parent, a skipped duplicate) goes to the archive.
import { archiveKey, inputFolderOf, moveObject } from '../../core/keys/archive.js';
import type { Rule } from '../../core/rules/rule.js';
import type { RunContext } from './run-context.js';

/** `archive/<interface cid>/<input folders>/<name>_<run started>`, as a loaded file's original is archived. */
export function archiveOriginal(run: RunContext, rule: Rule) {
  const { store, settings } = run.deps;
  const to = archiveKey(rule.interfaceId, run.fileName, run.startedAt, settings.timezone, {
    folder: settings.archivePrefix.replace(/\/+$/, ''),
    inputFolder: inputFolderOf(run.key, settings.inputPrefix),
  });
  return moveObject(store, run.key, to);
}
