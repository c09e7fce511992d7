// Judges a file's content against what its rule already loaded: the same bytes under another name (duplicate) and a
// loaded name sent again with other bytes (resend). Pure: the lookups are the caller's.

import type { ContractCheck } from '../../ports/notifier.js';
import type { Rule } from '../rules/rule.js';

/** An earlier run that loaded rows for this rule. */
export interface LoadedRun {
  runId: string;
  key: string;
  /** The load time stamped into its rows (`yyyy-mm-dd hh:mm:ss.mmm`, UTC); its last update when none was recorded. */
  loadedAt: string;
  /** Whether `loadedAt` is the recorded stamp of its rows, which a replacing load deletes by. */
  stamped: boolean;
  /** Its content hash; null when it was loaded without one. */
  sha256: string | null;
}

export interface ContentEvidence {
  sha256: string;
  /** A loaded run of this rule with the same hash under another key. */
  sameContent?: LoadedRun;
  /** The loaded run of this rule and key whose rows are current. */
  earlierOfKey?: LoadedRun;
}

export type ContentVerdict =
  | { action: 'load'; checks: ContractCheck[]; replaces?: LoadedRun }
  | { action: 'skip'; checks: ContractCheck[]; reason: string }
  | { action: 'reject'; checks: ContractCheck[]; reason: string };

const newContent = 'new content';
const newName = 'a name not loaded before, or its same content';

export function judgeContent(
  rule: Pick<Rule, 'duplicates' | 'resend'>,
  evidence: ContentEvidence,
): ContentVerdict {
  const checks: ContractCheck[] = [];
  if (rule.duplicates !== undefined) {
    const same = evidence.sameContent;
    if (same === undefined) checks.push({ check: 'duplicate', outcome: 'passed', expected: newContent });
    else {
      const found = `same sha256 as ${same.key} loaded by run ${same.runId} at ${same.loadedAt}`;
      const outcome = { warn: 'warned', skip: 'skipped', load: 'passed' } as const;
      const check: ContractCheck = {
        check: 'duplicate',
        outcome: outcome[rule.duplicates],
        expected: newContent,
        found,
      };
      checks.push(check);
      if (rule.duplicates === 'skip')
        return { action: 'skip', checks, reason: `duplicate skipped: ${found}` };
    }
  }
  if (rule.resend === undefined) return { action: 'load', checks };
  const earlier = evidence.earlierOfKey;
  if (earlier === undefined || earlier.sha256 === evidence.sha256) {
    checks.push({ check: 'resend', outcome: 'passed', expected: newName });
    return { action: 'load', checks };
  }
  const other = earlier.sha256 === null ? 'content whose hash was not recorded' : 'other content';
  const loaded = `run ${earlier.runId} loaded this name at ${earlier.loadedAt} with ${other}`;
  switch (rule.resend) {
    case 'append':
      checks.push({
        check: 'resend',
        outcome: 'warned',
        expected: newName,
        found: `${loaded}; both versions' rows are kept`,
      });
      return { action: 'load', checks };
    case 'reject': {
      const check: ContractCheck = { check: 'resend', outcome: 'failed', expected: newName, found: loaded };
      checks.push(check);
      return { action: 'reject', checks, reason: `resend rejected: expected ${newName}, found ${loaded}` };
    }
    case 'replace':
      if (!earlier.stamped) {
        const found = `${loaded}, but no recorded load time to identify its rows by`;
        checks.push({ check: 'resend', outcome: 'failed', expected: newName, found });
        return {
          action: 'reject',
          checks,
          reason: `resend not replaced: expected rows stamped by run ${earlier.runId}, found ${found}`,
        };
      }
      checks.push({
        check: 'resend',
        outcome: 'passed',
        expected: newName,
        found: `replaces run ${earlier.runId}`,
      });
      return { action: 'load', checks, replaces: earlier };
  }
}
