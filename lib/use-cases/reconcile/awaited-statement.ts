// Which statement a run is waiting on, and since when a run counts as overdue: the reconciler's pure decisions.
import type { StatementKind } from '../../core/load-sql/statement-name.js';
import type { Run } from '../../records/run.js';
import { PENDING_TRANSFORM } from '../../records/transform-claim.js';

export interface AwaitedStatement {
  kind: Extract<StatementKind, 'load' | 'transform'>;
  /** null: the run never recorded one (its submission's answer was lost). */
  statementId: string | null;
}

/** A SUBMITTED run waits on its load, a LOADED one on the post-load SQL it submitted; any other run on nothing. */
export function awaitedStatement(run: Pick<Run, 'state' | 'statementId' | 'transformStatementId'>) {
  if (run.state === 'SUBMITTED') return { kind: 'load', statementId: run.statementId } as AwaitedStatement;
  const transform = run.transformStatementId;
  if (run.state === 'LOADED' && transform !== null && transform !== PENDING_TRANSFORM) {
    return { kind: 'transform', statementId: transform } as AwaitedStatement;
  }
  return undefined;
}

/** Runs last changed before this moment are overdue. */
export function overdueBefore(now: Date, afterMinutes: number): Date {
  return new Date(now.getTime() - afterMinutes * 60_000);
}
