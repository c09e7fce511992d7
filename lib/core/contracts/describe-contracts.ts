// A rule's sequence and arrival contracts in a few words, for `ferry rules` and `ferry explain`.
import type { Rule } from '../rules/rule.js';
import { describeArrival } from './arrival-contract.js';

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
