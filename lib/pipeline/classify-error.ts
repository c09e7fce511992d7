// Splits failures into transient (rethrow, Lambda retries) and terminal (audit FAILED, archive to error).
import { FerryError, TerminalError, TransientError } from '../errors.js';

/** Network failures below any protocol. */
const networkCodes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'];

/**
 * PostgreSQL SQLSTATE classes that mean "try again": 08 connection, 40 rollback (serialization, deadlock),
 * 53 insufficient resources, 57 operator intervention (shutdown, cancel).
 */
const retryableSqlStateClasses = ['08', '40', '53', '57'];

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (error instanceof TerminalError || error instanceof FerryError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (networkCodes.includes(code)) return true;
  return /^[0-9A-Z]{5}$/.test(code) && retryableSqlStateClasses.includes(code.slice(0, 2));
}
