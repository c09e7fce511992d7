// Starts a rule's post-load SQL once per run: rendered with this run's values, submitted as `ferry-transform:<runId>`.

import { ConfigError, errorMessage } from '../../core/errors.js';
import { type PlaceholderValues, renderPostLoadSql } from '../../core/load-sql/placeholders.js';
import { statementName } from '../../core/load-sql/statement-name.js';
import type { StatementDescription } from '../../ports/warehouse.js';
import { recordAuditOutcome } from '../../records/audit.js';
import type { RunFacts } from './run-facts.js';
import type { StatusDependencies } from './status-dependencies.js';
import { finishTransform } from './transform-status.js';

/** Marks the transform as claimed before submission, so two deliveries never both submit it. */
export const PENDING_TRANSFORM = 'pending';

/** The load time the processing function stamped into the rows; the statement's creation as a fallback. */
export function loadedAtOf(facts: RunFacts, description: StatementDescription): string {
  const recorded = facts.run.details.loadedAt;
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  return description.createdAt.toISOString().replace('T', ' ').replace('Z', '');
}

export function placeholderValues(facts: RunFacts, loadedAt: string): PlaceholderValues {
  return {
    file_name: facts.fileName,
    run_id: facts.run.run_id,
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
  facts: RunFacts,
  description: StatementDescription,
): Promise<'submitted' | 'already-submitted' | 'failed'> {
  const { db, log } = deps;
  const runId = facts.run.run_id;
  const claimed = await db
    .updateTable('rdscnfg.ferry_run')
    .set({ transform_statement_id: PENDING_TRANSFORM })
    .where('run_id', '=', runId)
    .where('state', '=', 'LOADED')
    .where('transform_statement_id', 'is', null)
    .returning('run_id')
    .executeTakeFirst();
  if (claimed === undefined) {
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
  if (facts.run.ext_file_audit_sid !== null) {
    await recordAuditOutcome(db, facts.run.ext_file_audit_sid, {
      status: 'FINISHED',
      processed: true,
      endedAt: description.updatedAt,
      timezone: deps.settings.timezone,
      mergeQuery: sql,
    });
  }
  try {
    const { id } = await deps.warehouse.submit({
      name: statementName('transform', runId),
      sqls: [sql],
      withEvent: true,
    });
    // Only replaces the claim: the transform's own event may already have recorded its id.
    await db
      .updateTable('rdscnfg.ferry_run')
      .set({ transform_statement_id: id })
      .where('run_id', '=', runId)
      .where('transform_statement_id', '=', PENDING_TRANSFORM)
      .execute();
    log.info({ runId, transformStatementId: id }, 'post-load SQL submitted');
    return 'submitted';
  } catch (error) {
    await db
      .updateTable('rdscnfg.ferry_run')
      .set({ transform_statement_id: null })
      .where('run_id', '=', runId)
      .where('transform_statement_id', '=', PENDING_TRANSFORM)
      .execute();
    log.error({ runId, error: errorMessage(error) }, 'post-load SQL not submitted');
    throw error;
  }
}
