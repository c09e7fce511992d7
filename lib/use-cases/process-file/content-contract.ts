// Duplicate content and re-sends: looks up what the rule already loaded, judges the file, and for a replacing
// re-send claims the rows it will delete, so two re-sends of one key never both replace the same version.
import { wantsContentHash } from '../../core/contracts/content-policies.js';
import { type ContentVerdict, judgeContent } from '../../core/contracts/content-verdict.js';
import { TransientError } from '../../core/errors.js';
import type { PreparedFile } from '../../core/ingest/prepare-types.js';
import type { Rule } from '../../core/rules/rule.js';
import {
  claimRows,
  currentLoadOfKey,
  earlierRunInFlight,
  findSameContent,
} from '../../records/content-runs.js';
import { defaultStaleClaimMs } from './claim-object.js';
import type { RunContext } from './run-context.js';

/**
 * A replacing re-send waits (a transient error: the event is delivered again) while an earlier version of its key
 * is still on its way to the warehouse, or while another re-send holds the rows: it then replaces whichever
 * version loaded last, never rows loaded after it decided.
 */
export async function checkContent(
  run: RunContext,
  rule: Rule,
  prepared: PreparedFile,
): Promise<ContentVerdict> {
  const { sha256 } = prepared;
  if (!wantsContentHash(rule) || sha256 === undefined) return { action: 'load', checks: [] };
  const { db, store } = run.deps;
  const bucket = store.bucket;
  if (rule.resend === 'replace') {
    const staleMs = run.deps.settings.staleClaimMs ?? defaultStaleClaimMs;
    const earlier = await earlierRunInFlight(
      db,
      { id: run.runId, bucket, key: run.key, createdAt: run.claimedAt ?? run.startedAt },
      new Date(run.deps.now().getTime() - staleMs),
    );
    if (earlier !== undefined) throw waiting(`run ${earlier} of the same key is still loading`);
  }
  const sameContent =
    rule.duplicates === undefined
      ? undefined
      : await findSameContent(db, { ruleId: rule.id, sha256, bucket, key: run.key });
  const current =
    rule.resend === undefined
      ? undefined
      : await currentLoadOfKey(db, { ruleId: rule.id, bucket, key: run.key, exceptRunId: run.runId });
  const verdict = judgeContent(rule, {
    sha256,
    ...(sameContent && { sameContent }),
    ...(current && { earlierOfKey: current.run }),
  });
  if (verdict.action !== 'load' || verdict.replaces === undefined || current === undefined) return verdict;
  if (current.claimedBy?.inFlight)
    throw waiting(`run ${current.claimedBy.runId} is replacing run ${current.run.runId}`);
  if (!(await claimRows(db, current.run.runId, run.runId, current.claim)))
    throw waiting(`another re-send claimed the rows of run ${current.run.runId} first`);
  run.log.info({ replaces: current.run.runId }, 're-send claimed the rows it replaces');
  return verdict;
}

function waiting(found: string): TransientError {
  return new TransientError(
    `expected no other version of this key in flight before replacing its rows, found ${found}; the file is tried again`,
  );
}
