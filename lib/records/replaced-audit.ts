// The audit row of a run whose rows a corrected re-send replaced (resend_policy 'replace') says so, and by which run.
import type { Kysely } from 'kysely';
import { trimErrorMessage } from './audit.js';
import type { Database } from './tables.js';

export const REPLACED = 'REPLACED';

/** Only a row still FINISHED (or TRANSFORMED…) is marked: repeating it changes nothing. */
export async function markAuditReplaced(db: Kysely<Database>, auditId: number, text: string): Promise<void> {
  await db
    .updateTable('rdscnfg.ext_file_audit')
    .set({ file_process_status: REPLACED, error_msg: trimErrorMessage(text) })
    .where('ext_file_audit_sid', '=', auditId)
    .where('file_process_status', '!=', REPLACED)
    .execute();
}
