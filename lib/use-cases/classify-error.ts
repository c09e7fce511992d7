// Splits failures into transient (rethrow, Lambda retries) and terminal (audit FAILED, archive to error).
import { FerryError, TerminalError, TransientError } from '../core/errors.js';

/** Network failures below any protocol. */
const networkCodes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'];

/**
 * PostgreSQL SQLSTATE classes that mean "try again": 08 connection, 40 rollback (serialization, deadlock),
 * 53 insufficient resources, 57 operator intervention (shutdown, cancel).
 */
const retryableSqlStateClasses = ['08', '40', '53', '57'];

/**
 * pg's own errors when a socket closes or a connection cannot be had carry no code, only these messages
 * ("Connection terminated unexpectedly" after a dropped connection, for one).
 */
const connectionLossMessages =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (error instanceof TerminalError || error instanceof FerryError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && connectionLossMessages.test(error.message);
  if (networkCodes.includes(code)) return true;
  return /^[0-9A-Z]{5}$/.test(code) && retryableSqlStateClasses.includes(code.slice(0, 2));
}
