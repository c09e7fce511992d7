// A ferry_run row as a Run: column names to plain words, the state checked against the closed set, details parsed.
import { FerryError } from '../core/errors.js';
import type { Run } from './run.js';
import { factsFromDetails } from './run-details.js';
import { type RunState, runStates } from './run-states.js';
import type { RunRow } from './tables.js';

export function runFromRow(row: RunRow): Run {
  return {
    id: row.run_id,
    bucket: row.bucket,
    key: row.object_key,
    etag: row.etag,
    sizeBytes: row.size_bytes,
    state: stateOf(row),
    ruleId: row.ext_file_config_sid,
    interfaceId: row.ext_interface_cid === null ? null : String(Number(row.ext_interface_cid)),
    parentRunId: row.parent_run_id,
    auditId: row.ext_file_audit_sid,
    statementId: row.statement_id,
    transformStatementId: row.transform_statement_id,
    preparedKeys: row.prepared_keys,
    facts: factsFromDetails(row.details),
    error: row.error,
    rowsLoaded: row.rows_loaded,
    rowsRejected: row.rows_rejected,
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
    contentHash: row.content_hash ?? null,
    supersededBy: row.superseded_by ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function stateOf(row: RunRow): RunState {
  if ((runStates as readonly string[]).includes(row.state)) return row.state as RunState;
  throw new FerryError(
    `expected run ${row.run_id} in one of ${runStates.join(', ')}, found state ${row.state}`,
    {
      context: { runId: row.run_id },
    },
  );
}
