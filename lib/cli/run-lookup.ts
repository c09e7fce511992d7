// Finds a run from what a user has at hand: its run id, or the audit id `ferry status` shows.
import type { Kysely } from 'kysely';
import { FerryError } from '../core/errors.js';
import { auditRunId } from '../records/audit.js';
import type { Run } from '../records/run.js';
import { getRun } from '../records/runs.js';
import type { Database } from '../records/tables.js';

/** An all-digit id is an audit id (ext_file_audit_sid); anything else a run id. */
export async function findRun(db: Kysely<Database>, id: string): Promise<Run> {
  let runId = id;
  if (/^\d+$/.test(id)) {
    const audited = await auditRunId(db, Number(id));
    if (audited === undefined) {
      throw new FerryError(`expected audit id ${id} to name a Ferry run, found no such audit row with a run`);
    }
    runId = audited;
  }
  const run = await getRun(db, runId);
  if (run === undefined) throw new FerryError(`expected a run with id ${runId}, found none in the ledger`);
  return run;
}
