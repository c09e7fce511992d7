// The whole load of one run as one BatchExecuteStatement: stage, COPY, stamp each row with its file and time, clean up.

import { ConfigError } from '../errors.js';
import type { Compression, Rule } from '../rules/rule.js';
import { utcTimestamp } from '../time/wall-clock.js';
import { checkBatchLimits } from './batch-limits.js';
import { buildCopy } from './build-copy.js';
import { requireTarget, stampColumns } from './copy-options.js';
import { qualifiedName, quoteIdentifier, quoteLiteral } from './sql-text.js';
import { statementName } from './statement-name.js';

export interface LoadInput {
  rule: Rule;
  runId: string;
  /** The source file's base name, stamped into every row's `file_name`. */
  fileName: string;
  /** Stamped into every row's `target_transaction_timestamp`: a Date (written as UTC) or `YYYY-MM-DD HH:MM:SS[.ffffff]`. */
  loadedAt: Date | string;
  manifestUrl: string;
  iamRole: string;
  region?: string;
  compression: Compression;
  hasHeader: boolean;
  /** resend_policy 'replace': the load time stamped into the earlier version's rows, deleted before the insert. */
  replacesLoadedAt?: string;
  /** Row lineage: the object's version id, else its ETag, stamped into every row; NULL when unknown. */
  sourceVersion?: string;
}

export interface LoadSql {
  /** `ferry:<runId>`. */
  name: string;
  sqls: string[];
  /** The INSERT … SELECT that stamps and publishes the rows; recorded as the audit's `update_query`. */
  updateQuery: string;
  copySql: string;
}

/** Where the COPY sits in `sqls`: its sub-statement's row count is the number of rows loaded. */
export const COPY_STATEMENT_INDEX = 1;
/** Where the INSERT … SELECT sits in `sqls` (one later in a replacing load, after its DELETE). */
export const INSERT_STATEMENT_INDEX = 2;
/** Where a replacing load's DELETE of the earlier version sits in `sqls` (the INSERT follows it). */
export const DELETE_STATEMENT_INDEX = 2;

/**
 * A temporary table is private to its session, so concurrent loads into one target each get their own stage
 * under the same name, and the constants in the INSERT can only ever reach this run's rows.
 */
export const STAGE_TABLE = 'ferry_stage';

const timestampPattern = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** The load time as stamped into the rows: `YYYY-MM-DD HH:MM:SS[.ffffff]`, a Date written as UTC. */
export function loadTimestamp(loadedAt: Date | string): string {
  if (loadedAt instanceof Date) {
    if (Number.isNaN(loadedAt.getTime()))
      throw new ConfigError('expected a valid load time, found an invalid Date');
    return utcTimestamp(loadedAt);
  }
  if (!timestampPattern.test(loadedAt)) {
    throw new ConfigError(
      `expected a load time as YYYY-MM-DD HH:MM:SS[.ffffff], found ${JSON.stringify(loadedAt)}`,
    );
  }
  return loadedAt.replace('T', ' ');
}

export function buildLoad(input: LoadInput): LoadSql {
  const { rule } = input;
  const name = statementName('load', input.runId);
  const { schema, table } = requireTarget(rule);
  const target = qualifiedName(schema, table, rule.id);
  const stage = quoteIdentifier(STAGE_TABLE);
  const columns = rule.columns.map((column) =>
    quoteIdentifier(column.name, { sid: rule.id, field: 'column_name' }),
  );
  const stamps = stampColumns.map((column) => quoteIdentifier(column));
  const fileName = quoteLiteral(input.fileName);
  const loadedAt = `${quoteLiteral(loadTimestamp(input.loadedAt))}::timestamp`;
  const lineage = lineageColumns(input);
  // Row lineage: the prepared objects start every record with its line number, loaded into the stage's first column.
  const copySql = buildCopy({
    ...input,
    table: STAGE_TABLE,
    ...(lineage && { columns: [lineage.line.name, ...rule.columns.map((column) => column.name)] }),
  });
  const staged = lineage ? [lineage.line.sql, ...columns] : columns;
  // CREATE TABLE … AS SELECT rather than LIKE: LIKE would copy the stamp columns (and a NOT NULL on them) into
  // the stage, and columnar COPY needs the stage to hold exactly the file's columns.
  const createStage = `CREATE TEMP TABLE ${stage} AS SELECT ${staged.join(', ')} FROM ${target} LIMIT 0`;
  const into = lineage ? [...columns, lineage.line.sql, lineage.version.sql] : columns;
  const values = lineage ? [...columns, lineage.line.sql, lineage.version.value] : columns;
  const updateQuery =
    `INSERT INTO ${target} (${[...into, ...stamps].join(', ')}) ` +
    `SELECT ${[...values, fileName, loadedAt].join(', ')} FROM ${stage}`;
  // The earlier version's rows go in the same transaction as the new ones arrive: a failure anywhere keeps them.
  // BatchExecuteStatement runs its Sqls serially as a single transaction unless ExecutionMode says otherwise, and
  // Ferry never sets it (Redshift Data API Reference, BatchExecuteStatement, "Sqls").
  const replace =
    input.replacesLoadedAt === undefined
      ? []
      : [
          `DELETE FROM ${target} WHERE ${stamps[0]} = ${fileName} AND ` +
            `${stamps[1]} = ${quoteLiteral(loadTimestamp(input.replacesLoadedAt))}::timestamp`,
        ];
  const sqls = [createStage, copySql, ...replace, updateQuery, `DROP TABLE ${stage}`];
  checkBatchLimits(sqls, { sid: rule.id, field: 'ext_file_config_dtl' });
  return { name, sqls, updateQuery, copySql };
}

/** The lineage columns the user added to the target, quoted, and the version as a literal (NULL when unknown). */
function lineageColumns(input: LoadInput) {
  const { lineage, id } = input.rule;
  if (!lineage) return undefined;
  const where = { sid: id, field: 'lineage_flag' };
  const version = input.sourceVersion === undefined ? 'NULL' : quoteLiteral(input.sourceVersion);
  return {
    line: { name: lineage.lineColumn, sql: quoteIdentifier(lineage.lineColumn, where) },
    version: { sql: quoteIdentifier(lineage.versionColumn, where), value: `${version}::varchar` },
  };
}
