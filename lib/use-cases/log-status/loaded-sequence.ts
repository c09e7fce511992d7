// After a load succeeded: its sequence number becomes the feed's last (never moving it back).
import { foundSequence } from '../../core/contracts/sequence-contract.js';
import { errorMessage } from '../../core/errors.js';
import type { Rule } from '../../core/rules/rule.js';
import { advanceSequence } from '../../records/feed-sequence.js';
import type { Run } from '../../records/run.js';
import type { StatusDependencies } from './status-dependencies.js';

/**
 * Only a loaded file moves the feed on; a failed one leaves the gap it would have closed. A failure here is logged:
 * the load stands, and the feed's next file is judged against the number before it (a warning, or a hold a person
 * releases).
 */
export async function recordLoadedSequence(deps: StatusDependencies, rule: Rule, run: Run): Promise<void> {
  if (rule.sequence === undefined) return;
  const sequence = foundSequence(run.facts.contract?.checks);
  if (sequence === undefined) return;
  try {
    const moved = await advanceSequence(deps.db, rule.id, sequence, run.id);
    deps.log.info({ runId: run.id, sequence: String(sequence), moved }, 'feed sequence recorded');
  } catch (error) {
    deps.log.error({ runId: run.id, error: errorMessage(error) }, 'feed sequence not recorded');
  }
}
