// The Redshift Data API's BatchExecuteStatement limits, checked before submission with a message that says which.
import { ConfigError } from '../errors.js';

/** What BatchExecuteStatement accepts: statements per batch, bytes of SQL in all, characters of a statement name. */
export const dataApiLimits = { statements: 40, sqlBytes: 100 * 1024, nameLength: 500 } as const;
export const maxBatchStatements = dataApiLimits.statements;
/** The Data API refuses more than 100 KB of SQL text. */
export const maxBatchSqlBytes = dataApiLimits.sqlBytes;

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
