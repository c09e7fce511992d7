// Submissions a busy warehouse may refuse for a while: asked again after growing pauses, the same request each time.
import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../ports/logger.js';
import type { SubmitRequest, Warehouse } from '../ports/warehouse.js';
import { isTransient } from './classify-error.js';

/**
 * Pauses before asking the warehouse again after a transient refusal: BatchExecuteStatement answers a cluster with
 * too many active statements with ActiveStatementsExceededException (its documented errors,
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_BatchExecuteStatement.html), and any AWS API
 * over its request rate with ThrottlingException. Both clear as statements finish or time passes, so the pauses
 * grow: about 0.5, 2 and 8 seconds. (Both are mapped to TransientError in adapters/aws/aws-service-error.ts.)
 */
export const defaultSubmitRetryDelaysMs: readonly number[] = [500, 2000, 8000];

/** Between half and all of `ms`, so refused callers do not all come back at the same moment. */
export function jittered(ms: number, random: () => number = Math.random): number {
  return Math.round(ms / 2 + (ms / 2) * random());
}

/**
 * Submits `request`, asking again after each pause while the failure is transient; the last failure goes up.
 * Safe to repeat: a load carries a client token, and follow-up SQL is claimed in the ledger before it is sent.
 */
export async function submitWithRetry(
  deps: { warehouse: Warehouse; log: Logger },
  request: SubmitRequest,
  pauses: readonly number[] = defaultSubmitRetryDelaysMs,
): Promise<{ id: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.warehouse.submit(request);
    } catch (error) {
      const pause = pauses[attempt];
      if (!isTransient(error) || pause === undefined) throw error;
      const waitMs = jittered(pause);
      deps.log.warn(
        { statementName: request.name, error: errorMessage(error), attempt: attempt + 1, waitMs },
        'submission failed; asking again',
      );
      if (waitMs > 0) await delay(waitMs);
    }
  }
}
