// The Redshift Data API's BatchExecuteStatement limits, checked before submission with a message that says which.
import { ConfigError } from '../errors.js';

export const maxBatchStatements = 40;
/** The Data API refuses more than 100 KB of SQL text. */
export const maxBatchSqlBytes = 100 * 1024;

export function checkBatchLimits(
  sqls: readonly string[],
  source: { sid?: number; field?: string } = {},
): void {
  if (sqls.length === 0)
    throw new ConfigError('expected at least one SQL statement in the batch, found none', source);
  if (sqls.length > maxBatchStatements) {
    throw new ConfigError(
      `expected at most ${maxBatchStatements} statements in one batch, found ${sqls.length}`,
      source,
    );
  }
  const bytes = sqls.reduce((total, sql) => total + Buffer.byteLength(sql, 'utf8'), 0);
  if (bytes > maxBatchSqlBytes) {
    throw new ConfigError(
      `expected at most ${maxBatchSqlBytes} bytes of SQL in one batch, found ${bytes}`,
      source,
    );
  }
}
