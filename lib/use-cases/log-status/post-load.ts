// Starts a rule's post-load SQL once per run: rendered with this run's values, submitted as `ferry-transform:<runId>`.

import { ConfigError, errorMessage } from '../../core/errors.js';
import { type PlaceholderValues, renderPostLoadSql } from '../../core/load-sql/placeholders.js';
import { statementName } from '../../core/load-sql/statement-name.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { recordAuditOutcome } from '../../records/audit.js';
import {
  claimTransform,
  recordTransformSubmitted,
  releaseTransformClaim,
} from '../../records/transform-claim.js';
import { submitWithRetry } from '../submit-with-retry.js';
import type { StatusDependencies } from './status-dependencies.js';
import type { StatusRun } from './status-run.js';
import { finishTransform } from './transform-status.js';

/** The load time the processing function stamped into the rows; the statement's creation as a fallback. */
export function loadedAtOf(facts: StatusRun, description: StatementDescription): string {
  const recorded = facts.run.facts.load?.loadedAt;
  if (recorded !== undefined) return recorded;
  return description.createdAt.toISOString().replace('T', ' ').replace('Z', '');
}

export function placeholderValues(facts: StatusRun, loadedAt: string): PlaceholderValues {
  return {
    file_name: facts.fileName,
    run_id: facts.run.id,
    loaded_at: loadedAt,
    interface_cid: facts.interfaceId,
    target_table: facts.targetTable ?? '',
  };
}

/**
 * Claims, renders and submits. A template that does not render ends the run TRANSFORM_FAILED (the load stands);
 * a failed submission gives the claim back and rethrows, so the retried event submits it.
 */
export async function startPostLoad(
  deps: StatusDependencies,
  facts: StatusRun,
  description: StatementDescription,
): Promise<'submitted' | 'already-submitted' | 'failed'> {
  const { db, log } = deps;
  const runId = facts.run.id;
  if (!(await claimTransform(db, runId))) {
    log.info({ runId }, 'post-load SQL already submitted');
    return 'already-submitted';
  }
  let sql: string;
  try {
    sql = renderPostLoadSql(
      facts.rule.postLoadSql ?? '',
      placeholderValues(facts, loadedAtOf(facts, description)),
      facts.rule.id,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    await finishTransform(deps, facts, {
      state: 'TRANSFORM_FAILED',
      error: error.message,
      endedAt: deps.now(),
    });
    return 'failed';
  }
  if (facts.run.auditId !== null) {
    await recordAuditOutcome(db, facts.run.auditId, {
      status: 'FINISHED',
      processed: true,
      endedAt: description.updatedAt,
      timezone: deps.settings.timezone,
      mergeQuery: sql,
    });
  }
  try {
    const request = { name: statementName('transform', runId), sqls: [sql], withEvent: true };
    const { id } = await submitWithRetry(deps, request, deps.settings.submitRetryDelaysMs);
    await recordTransformSubmitted(db, runId, id);
    log.info({ runId, transformStatementId: id }, 'post-load SQL submitted');
    return 'submitted';
  } catch (error) {
    await releaseTransformClaim(db, runId);
    log.error({ runId, error: errorMessage(error) }, 'post-load SQL not submitted');
    throw error;
  }
}
