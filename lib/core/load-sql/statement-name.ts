// Data API statement names: `ferry:<runId>`, `ferry-transform:<runId>`, `ferry-rejects:<runId>` — a run id, never SQL or paths.
import { ConfigError } from '../errors.js';

/** `rejects` is the follow-up that reads a load's rejected rows (MAXERROR > 0) from sys_load_error_detail. */
export const statementKinds = ['load', 'transform', 'rejects'] as const;
export type StatementKind = (typeof statementKinds)[number];

const prefixes: Record<StatementKind, string> = {
  load: 'ferry:',
  transform: 'ferry-transform:',
  rejects: 'ferry-rejects:',
};

/** The Data API caps StatementName at 500 characters. */
export const maxStatementNameLength = 500;

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function statementName(kind: StatementKind, runId: string): string {
  if (!runIdPattern.test(runId)) {
    throw new ConfigError(
      `expected a run id of up to 100 letters, digits, '.', '_' or '-', found ${JSON.stringify(runId)}`,
    );
  }
  return `${prefixes[kind]}${runId}`;
}

/** The kind and run id of a Ferry statement name; undefined for anyone else's statement. */
export function parseStatementName(
  name: string | undefined,
): { kind: StatementKind; runId: string } | undefined {
  if (name === undefined || name.length > maxStatementNameLength) return undefined;
  for (const kind of statementKinds) {
    const prefix = prefixes[kind];
    if (!name.startsWith(prefix)) continue;
    const runId = name.slice(prefix.length);
    return runIdPattern.test(runId) ? { kind, runId } : undefined;
  }
  return undefined;
}
