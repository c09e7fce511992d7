// Runs a command waited for that are still not finished (RECEIVED or SUBMITTED): the command must not report success.
import type { RunOutcome } from '../records/outcomes.js';

const unfinishedStates = ['RECEIVED', 'SUBMITTED'];

/** The keys put whose runs did not reach an end, with why; a key with no run at all counts too. */
export function unfinishedRuns(keys: readonly string[], outcomes: readonly RunOutcome[]): string[] {
  const stuck = outcomes
    .filter((o) => unfinishedStates.includes(o.state))
    .map((o) => `${o.key} (run ${o.runId} still ${o.state})`);
  const recorded = new Set(outcomes.map((o) => o.key));
  const missing = keys.filter((key) => !recorded.has(key)).map((key) => `${key} (no run recorded)`);
  return [...stuck, ...missing];
}

export function describeUnfinished(unfinished: readonly string[]): string {
  return (
    `ferry: expected every run to finish, found ${unfinished.length} that did not: ${unfinished.join(', ')}; ` +
    '`ferry status --stuck` lists them, `ferry reprocess --resume <run>` records a statement that ended'
  );
}
