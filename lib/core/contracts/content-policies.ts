// What a rule does with a file whose content was loaded before (under another name) or that re-sends a loaded name.

/** Same bytes already loaded under another key: load with a warning, skip it, or load it (null: load). */
export const duplicatePolicies = ['warn', 'skip', 'load'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

/** A loaded key sent again with other bytes: load beside the earlier rows, replace them, or refuse (null: append). */
export const resendPolicies = ['append', 'replace', 'reject'] as const;
export type ResendPolicy = (typeof resendPolicies)[number];

/** Whether the rule needs the file's content hash even when the file is loaded without being read. */
export function wantsContentHash(rule: { duplicates?: DuplicatePolicy; resend?: ResendPolicy }): boolean {
  return rule.duplicates !== undefined || rule.resend !== undefined;
}

/** The rule's declared policies in the columns' own words, e.g. `duplicate skip, resend replace`; empty when none. */
export function contentPolicyWords(rule: { duplicates?: DuplicatePolicy; resend?: ResendPolicy }): string[] {
  return [
    ...(rule.duplicates === undefined ? [] : [`duplicate ${rule.duplicates}`]),
    ...(rule.resend === undefined ? [] : [`resend ${rule.resend}`]),
  ];
}
