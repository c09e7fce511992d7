// Reads a rule's duplicate_policy and resend_policy: null keeps today's behaviour (load, append).
import {
  type DuplicatePolicy,
  duplicatePolicies,
  type ResendPolicy,
  resendPolicies,
} from '../../core/contracts/content-policies.js';
import type { RuleProblems } from '../../core/rules/rule-problems.js';
import type { FileConfigRow } from '../tables.js';

export function readContentPolicies(
  problems: RuleProblems,
  config: Pick<FileConfigRow, 'duplicate_policy' | 'resend_policy'>,
  split: boolean,
): { duplicates?: DuplicatePolicy; resend?: ResendPolicy } {
  const duplicates = readPolicy(problems, 'duplicate_policy', config.duplicate_policy, duplicatePolicies);
  const resend = readPolicy(problems, 'resend_policy', config.resend_policy, resendPolicies);
  // A split parent is never loaded: its parts are judged under their own rules, so a policy here would do nothing.
  if (split) {
    if (duplicates !== undefined)
      problems.expected(
        'duplicate_policy',
        "null on a split parent (set it on its parts' rules)",
        duplicates,
      );
    if (resend !== undefined)
      problems.expected(
        'resend_policy',
        "null on a split parent, which has no rows to replace (set it on its parts' rules)",
        resend,
      );
    return {};
  }
  return {
    ...(duplicates === undefined ? {} : { duplicates }),
    ...(resend === undefined ? {} : { resend }),
  };
}

function readPolicy<T extends string>(
  problems: RuleProblems,
  column: string,
  value: string | null | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === null || value === undefined) return undefined;
  const folded = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(folded)) return folded as T;
  problems.expected(column, `one of ${allowed.map((policy) => `'${policy}'`).join(', ')} or null`, value);
  return undefined;
}
