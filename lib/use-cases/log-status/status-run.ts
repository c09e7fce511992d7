// A run as the status function works from it: the run with its rule, file name and interface, and its message.

import { TerminalError } from '../../core/errors.js';
import { fileNameOf } from '../../core/keys/object-key.js';
import { type MessageOutcome, statusMessage } from '../../core/notify/status-message.js';
import type { Rule } from '../../core/rules/rule.js';
import type { FileStatusMessage } from '../../ports/notifier.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import type { Run } from '../../records/run.js';
import type { StatusDependencies } from './status-dependencies.js';

export interface StatusRun {
  run: Run;
  rule: Rule;
  fileName: string;
  interfaceId: string;
  targetTable: string | null;
}

/**
 * What a run's failure needs when its rule may be gone (deleted since submission): the notification then names the
 * run's own interface and no target.
 */
export type FailingRun = Omit<StatusRun, 'rule' | 'interfaceId'> & {
  rule?: Rule;
  interfaceId: string | null;
};

export async function statusRun(deps: Pick<StatusDependencies, 'db'>, run: Run): Promise<StatusRun> {
  if (run.ruleId === null) {
    throw new TerminalError(`expected run ${run.id} to name its rule, found no ext_file_config_sid`, {
      context: { runId: run.id, key: run.key },
    });
  }
  const rule = await ruleById(deps.db, run.ruleId);
  return {
    run,
    rule,
    fileName: run.facts.file?.fileName ?? fileNameOf(run.key),
    interfaceId: run.interfaceId ?? rule.interfaceId,
    targetTable: rule.target ? `${rule.target.schema}.${rule.target.table}` : null,
  };
}

/** The notification of the run's outcome; the duration counts from the run's claim. */
export function runMessage(
  settings: StatusDependencies['settings'],
  facts: FailingRun,
  outcome: MessageOutcome,
): FileStatusMessage {
  return statusMessage(
    {
      runId: facts.run.id,
      fileName: facts.fileName,
      interfaceId: facts.interfaceId,
      target: facts.rule?.target ?? null,
      auditId: facts.run.auditId,
      startedAt: facts.run.createdAt,
      checks: facts.run.facts.contract?.checks,
      ...(settings.customErrorMessage === undefined
        ? {}
        : { customErrorMessage: settings.customErrorMessage }),
    },
    outcome,
  );
}
