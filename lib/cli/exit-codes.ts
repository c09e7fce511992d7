// The CLI's exit codes: scripts branch on these, so they are a contract.

/**
 * 0: done; 1: a failure (a file failed, a problem found); 2: a usage error; 3: every file loaded, but COPY rejected
 * rows of at least one under the rule's `max_errors` (`ferry errors ID` lists them).
 */
export const exitCodes = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** When a command has several outcomes, the most severe one is its exit code. */
const severity: Record<ExitCode, number> = { 0: 0, 3: 1, 1: 2, 2: 3 };

export function moreSevere(a: ExitCode, b: ExitCode): ExitCode {
  return severity[b] > severity[a] ? b : a;
}
