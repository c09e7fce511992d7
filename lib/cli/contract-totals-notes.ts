// A rule's control totals and row lineage in a few words, for `ferry rules`.
import type { Rule } from '../core/rules/rule.js';

export function contractTotalsNotes(rule: Rule): string[] {
  const { sum, hash } = rule.controlTotals ?? {};
  return [
    ...(sum ? [`control sum ${sum.column} at ${sum.position.start}:${sum.position.end}`] : []),
    ...(hash ? [`control ${hash.algorithm} at ${hash.position.start}:${hash.position.end}`] : []),
    ...(rule.lineage ? [`lineage ${rule.lineage.lineColumn}, ${rule.lineage.versionColumn}`] : []),
  ];
}
