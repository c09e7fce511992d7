// Expected arrival: a feed whose due time passed with no file since the due before it is late, noticed once per miss.
import { describeArrival, isLate } from '../../core/contracts/arrival-contract.js';
import { errorMessage } from '../../core/errors.js';
import type { Rule } from '../../core/rules/rule.js';
import type { FileStatusMessage } from '../../ports/notifier.js';
import { lastArrival, noticeMiss } from '../../records/late-feeds.js';
import { notifyOnce } from '../../records/notify-once.js';
import { loadRules } from '../../records/rules/load-rules.js';
import type { ReconcileDependencies } from './reconcile-dependencies.js';

/**
 * Every active rule with a due time is checked against `deps.now()`. A miss is stored before it is announced (one
 * row per rule and due instant), so any number of passes notify it once; its notification is kept pending like a
 * file's, so a failed publish is retried by the next pass rather than lost. Returns the misses noticed this pass.
 */
export async function noticeLateFeeds(deps: ReconcileDependencies): Promise<number> {
  const { rules } = await loadRules(deps.db);
  const now = deps.now();
  let noticed = 0;
  for (const rule of rules) {
    if (rule.arrival === undefined) continue;
    try {
      const arrived = await lastArrival(deps.db, rule.id);
      const late = isLate(rule.arrival, now, arrived);
      if (late === undefined) continue;
      if (!(await noticeMiss(deps.db, { ruleId: rule.id, dueAt: late.due, lastArrival: arrived }))) continue;
      noticed += 1;
      deps.log.warn(
        { rule: rule.id, interface: rule.interfaceId, due: late.due, lastArrival: arrived ?? null },
        'feed late',
      );
      deps.metrics?.record(
        { interfaceId: rule.interfaceId, outcome: 'reconciled', values: { LateFeeds: 1 } },
        now,
      );
      await notifyOnce(deps, lateMessage(rule, late.due, arrived, now));
    } catch (error) {
      deps.log.error({ rule: rule.id, error: errorMessage(error) }, 'arrival not checked');
    }
  }
  return noticed;
}

/**
 * A feed's message in the file notification's shape (status LATE, success false), so every subscriber, filter
 * policy and the outbox take it as they are: `fileName` names the feed, `runId` the miss (`late:<rule>:<due epoch s>`).
 */
export function lateMessage(rule: Rule, due: Date, arrived: Date | undefined, now: Date): FileStatusMessage {
  const expected = `a file by ${due.toISOString()} (${describeArrival(rule.arrival!)})`;
  const found = arrived === undefined ? 'no file yet' : `the last file at ${arrived.toISOString()}`;
  return {
    fileName: rule.pattern ?? `${rule.token}.`,
    interface: rule.interfaceId,
    targetTable: rule.target ? `${rule.target.schema}.${rule.target.table}` : null,
    status: 'LATE',
    success: false,
    rowsLoaded: null,
    rowsRejected: null,
    error: `rule ${rule.id}: expected ${expected}, found ${found}`,
    auditId: null,
    runId: `late:${rule.id}:${Math.floor(due.getTime() / 1000)}`,
    durationMs: Math.max(0, now.getTime() - due.getTime()),
    checks: [{ check: 'arrival', outcome: 'failed', expected, found }],
  };
}
