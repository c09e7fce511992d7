// A run reprocessed while it was still RECEIVED or SUBMITTED never records an outcome: its audit row says so, and
// which run took over, instead of staying SUBMITTED for ever.
import type { Kysely } from 'kysely';
import { recordAuditOutcome } from './audit.js';
import type { Run } from './run.js';
import type { Database } from './tables.js';

export const SUPERSEDED = 'SUPERSEDED';

export async function supersedeAudit(
  db: Kysely<Database>,
  run: Pick<Run, 'auditId' | 'state'>,
  reason: string,
  at: Date,
  timezone: string,
): Promise<void> {
  if (run.auditId === null) return;
  await recordAuditOutcome(db, run.auditId, {
    status: SUPERSEDED,
    processed: false,
    endedAt: at,
    timezone,
    errorMessage: `superseded while ${run.state}: ${reason}`,
  });
}
