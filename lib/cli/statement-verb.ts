// Names what a SQL statement is (`CREATE TABLE`, `INSERT`, `CALL`) from its first words, for the CLI's report.

const leadingComments = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
/** Words that only qualify the object kind that follows them. */
const qualifiers = new Set([
  'OR',
  'REPLACE',
  'TEMP',
  'TEMPORARY',
  'LOCAL',
  'EXTERNAL',
  'MATERIALIZED',
  'UNIQUE',
]);
const withObjectKind = new Set(['CREATE', 'DROP', 'ALTER', 'COMMENT', 'GRANT', 'REVOKE']);

export function statementVerb(sql: string): string {
  const words = sql
    .replace(leadingComments, '')
    .split(/[\s(;]+/, 6)
    .map((word) => word.toUpperCase());
  const [verb = '', ...rest] = words;
  if (!withObjectKind.has(verb)) return verb;
  const kind = rest.find((word) => !qualifiers.has(word));
  return kind ? `${verb} ${kind}` : verb;
}

/** Statements whose row count says how many rows they changed; for DDL the Data API reports 0. */
export function changesRows(verb: string): boolean {
  return ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(verb);
}
