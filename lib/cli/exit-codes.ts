// The CLI's exit codes: scripts branch on these, so they are a contract.

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
