// The run ledger's closed set of states and which of them end a run.

export const runStates = [
  'RECEIVED',
  'SUBMITTED',
  'LOADED',
  'TRANSFORMED',
  'FAILED',
  'ABORTED',
  'TRANSFORM_FAILED',
  'SPLIT',
  'SKIPPED',
  /** Kept in the input by its feed's sequence contract (policy hold) until the gap closes or a person releases it. */
  'HELD',
] as const;
export type RunState = (typeof runStates)[number];

/** States no event can move a run out of (LOADED is final only when the rule has no post-load SQL). */
export const finalRunStates: readonly RunState[] = [
  'TRANSFORMED',
  'FAILED',
  'ABORTED',
  'TRANSFORM_FAILED',
  'SPLIT',
  'SKIPPED',
];

export function isFinalRunState(state: string, hasPostLoadSql: boolean): boolean {
  if (state === 'LOADED') return !hasPostLoadSql;
  return (finalRunStates as readonly string[]).includes(state);
}
