// What a run has done, step by step, and what a failure at each point undoes: decided here and nowhere else.

import { isTransient } from '../classify-error.js';

/**
 * One thing a claimed run did, appended as it happens; nothing is ever taken back off the list. Each step's undo:
 *
 * | step                | a transient failure (the event is retried)  | a terminal failure (recorded, notified)      |
 * | ------------------- | ------------------------------------------- | -------------------------------------------- |
 * | (the claim itself)  | release the claim                           | ledger FAILED, file to archive/error, notify |
 * | wrote objects       | remove them                                 | remove them                                  |
 * | audited             | remove the row while it is still SUBMITTED  | record FAILED on the row (else insert one)   |
 * | asked the warehouse | no undo: the outcome is unknown, and the retried event asks again with the same token; a  |
 * |                     | refusal (terminal) means nothing ran, so the steps before it are undone as above          |
 * | submitted, split    | no undo: committed (a retry would load or split the file twice)                            |
 */
export type RunStep =
  /** Prepared copies or the manifest, under processing/. */
  | { step: 'wrote objects'; keys: readonly string[] }
  /** The run's SUBMITTED audit row (or, on a resubmission, the one its first attempt wrote). */
  | { step: 'audited'; auditId: number }
  /** The batch was sent: from here the warehouse may hold the load. */
  | { step: 'asked the warehouse' }
  | { step: 'submitted'; statementId: string }
  /** The parts entered the input folder, where they load under their own rules. */
  | { step: 'split' };

/** What the failure path does about the steps a run took. */
export type Compensation =
  /** Committed: nothing is undone and the claim is kept. */
  | { kind: 'keep'; committed: 'submitted' | 'split'; statementId?: string }
  /** The batch may or may not have reached the warehouse: nothing is undone, the retried event submits again. */
  | { kind: 'ask again' }
  /** Transient, before anything was committed: undo it all so the retried event starts clean. */
  | { kind: 'abandon'; objects: string[]; auditId?: number }
  /** Terminal, before anything was committed: undo the work and record the failure. */
  | { kind: 'fail'; objects: string[]; auditId?: number };

export function decideCompensation(steps: readonly RunStep[], error: unknown): Compensation {
  const done = new Set(steps.map((s) => s.step));
  if (done.has('split')) return { kind: 'keep', committed: 'split' };
  const submitted = steps.find((s) => s.step === 'submitted');
  if (submitted) return { kind: 'keep', committed: 'submitted', statementId: submitted.statementId };
  const transient = isTransient(error);
  // Only the submission runs between asking and the answer: an error after asking is the warehouse's answer.
  if (done.has('asked the warehouse') && transient) return { kind: 'ask again' };
  const undo = { objects: writtenKeys(steps), ...auditOf(steps) };
  return transient ? { kind: 'abandon', ...undo } : { kind: 'fail', ...undo };
}

/** Every object the run wrote under processing/, in the order it wrote them. */
export function writtenKeys(steps: readonly RunStep[]): string[] {
  return steps.flatMap((s) => (s.step === 'wrote objects' ? [...s.keys] : []));
}

function auditOf(steps: readonly RunStep[]): { auditId?: number } {
  const audited = steps.find((s) => s.step === 'audited');
  return audited ? { auditId: audited.auditId } : {};
}
