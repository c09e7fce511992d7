// A rule's contracts in a few words, for `ferry rules` and `ferry explain`.
import type { Rule } from '../rules/rule.js';
import { describeArrival } from './arrival-contract.js';
import { contentPolicyWords } from './content-policies.js';

export function describeSequenceArrival(rule: Pick<Rule, 'sequence' | 'arrival'>): string[] {
  const said: string[] = [];
  const { sequence, arrival } = rule;
  if (sequence) {
    const where =
      sequence.source === 'file_name'
        ? `file name /${sequence.pattern}/`
        : `header ${sequence.position?.start}:${sequence.position?.end}`;
    said.push(`sequence from ${where}, ${sequence.policy} on a break`);
  }
  if (arrival) said.push(`due ${describeArrival(arrival)}`);
  return said;
}

/** Control totals and row lineage. */
export function describeControlTotals(rule: Pick<Rule, 'controlTotals' | 'lineage'>): string[] {
  const { sum, hash } = rule.controlTotals ?? {};
  return [
    ...(sum ? [`control sum ${sum.column} at ${sum.position.start}:${sum.position.end}`] : []),
    ...(hash ? [`control ${hash.algorithm} at ${hash.position.start}:${hash.position.end}`] : []),
    ...(rule.lineage ? [`lineage ${rule.lineage.lineColumn}, ${rule.lineage.versionColumn}`] : []),
  ];
}

/** Every contract the rule declares, in `ferry rules`' order; empty when none. */
export function describeContracts(rule: Rule): string[] {
  return [...describeControlTotals(rule), ...describeSequenceArrival(rule), ...contentPolicyWords(rule)];
}
