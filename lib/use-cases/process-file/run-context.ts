// The state one run builds up as it moves on: what the failure path must know to clean up and record.

import type { Rule } from '../../core/rules/rule.js';
import type { Logger } from '../../ports/logger.js';
import type { ObjectInfo } from '../../ports/object-store.js';
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
  auditId?: number;
  /** Objects this run wrote under processing/, removed again when it fails before submission. */
  written: string[];
  /**
   * Set once something happened that a retry must not repeat: the warehouse accepted the load, or split parts
   * entered the input folder. From then on a failure neither releases the claim nor removes prepared objects.
   */
  committed?: 'submitted' | 'split';
  statementId?: string;
}

/** Milliseconds since `from`, for log lines. */
export function elapsed(deps: ProcessDependencies, from: Date): number {
  return deps.now().getTime() - from.getTime();
}
