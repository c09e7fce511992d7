// A feed contract's verdict on one file: control totals, sequence, arrival, duplicate content, re-sends.

import type { ContractCheck } from '../../ports/notifier.js';

/** `check:outcome` pairs for an SNS filter attribute, e.g. `sequence:warned,control_sum:passed`. */
export function checksAttribute(checks: readonly ContractCheck[]): string {
  return checks.map((check) => `${check.check}:${check.outcome}`).join(',');
}

/** One line per check that did not pass, for the readable notification and the audit's error text. */
export function describeCheck(check: ContractCheck): string {
  const detail = [check.expected && `expected ${check.expected}`, check.found && `found ${check.found}`]
    .filter(Boolean)
    .join(', ');
  return `${check.check} ${check.outcome}${detail ? `: ${detail}` : ''}`;
}

/** Replaces the earlier verdict of the same check (a check runs again on a retry), else appends it. */
export function withCheck(
  checks: readonly ContractCheck[] | undefined,
  check: ContractCheck,
): ContractCheck[] {
  const list = [...(checks ?? [])];
  const at = list.findIndex((earlier) => earlier.check === check.check);
  if (at < 0) list.push(check);
  else list[at] = check;
  return list;
}
