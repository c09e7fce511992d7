// The state one run builds up as it moves on: what the failure path must know to undo and record.

import type { PreparedFile } from '../../core/ingest/prepare-types.js';
import type { Rule } from '../../core/rules/rule.js';
import type { Logger } from '../../ports/logger.js';
import type { ContractCheck } from '../../ports/notifier.js';
import type { ObjectInfo } from '../../ports/object-store.js';
import type { FileFacts } from '../../records/run.js';
import type { RunStep } from './compensation.js';
import type { ProcessDependencies } from './process-dependencies.js';

export interface RunContext {
  deps: ProcessDependencies;
  runId: string;
  key: string;
  fileName: string;
  object: ObjectInfo;
  startedAt: Date;
  /** Carries runId, bucket and key; interface and rule are added once the rule is known. */
  log: Logger;
  rule?: Rule;
  /** The interface when it is known without a usable rule (a broken rule's row, or several rules of one interface). */
  interfaceId?: string;
  /** What the run has done so far, in order: the failure path decides from it what to undo (compensation.ts). */
  steps: RunStep[];
  /** When the ledger claimed the run (orders re-sends of one key). */
  claimedAt?: Date;
  /** The feed contract's verdicts reached so far: the failure path records them too. */
  checks?: ContractCheck[];
  /** How long validating and preparing the file took, once it did. */
  prepareMs?: number;
  /** A held run let go: 'next' once the gap closed, 'person' by `ferry release` (the gap is then ignored). */
  release?: 'next' | 'person';
  /** The audit row a held run already has. */
  auditId?: number;
}

/** Milliseconds since `from`, for log lines. */
export function elapsed(deps: ProcessDependencies, from: Date): number {
  return deps.now().getTime() - from.getTime();
}

/** What the run learned about its file while preparing it, as the ledger keeps it (a load and a split alike). */
export function fileFacts(run: RunContext, prepared: PreparedFile): FileFacts {
  return {
    fileName: run.fileName,
    records: prepared.records,
    bytes: run.object.size,
    bytesScanned: prepared.bytesScanned,
    ...(prepared.trailerCount === undefined ? {} : { trailerCount: prepared.trailerCount }),
    uploadedAt: run.object.lastModified.toISOString(),
    ...(prepared.sha256 === undefined ? {} : { sha256: prepared.sha256 }),
  };
}
