// The logger the core writes to: pino's interface (structured fields first, then the message); built in adapters.
export type { Logger } from 'pino';
