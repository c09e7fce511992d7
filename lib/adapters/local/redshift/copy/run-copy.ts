// Runs one COPY on a session: reads every source, checks each field, streams good rows in, counts bad ones.
import { channel } from 'node:diagnostics_channel';
import { TerminalError } from '../../../../core/errors.js';
import type { ObjectStore } from '../../../../ports/object-store.js';
import type { WarehouseSession } from '../../../postgres/warehouse-connection.js';
import { UnsupportedConstructError } from '../unsupported.js';
import { loadTargetTable, type TargetColumn, type TargetTable } from './column-types.js';
import { type FieldConverter, FieldError, fieldConverter } from './convert-field.js';
import type { CopyCommand } from './copy-command.js';
import { type CopySource, openSource, readJsonPaths, resolveSources } from './copy-sources.js';
import { csvRecords } from './csv-records.js';
import { delimitedRecords } from './delimited-records.js';
import { fastCopyPlan, fastCopyTarget, tryFastCopy } from './fast-copy.js';
import { fixedWidthRecords } from './fixed-width-records.js';
import type { JsonPath } from './json-paths.js';
import { jsonRecords } from './json-records.js';
import type { LoadErrorRow } from './load-errors.js';
import { parquetRecords } from './parquet-records.js';
import type { RawRecord } from './raw-record.js';
import { type Line, readLines } from './read-lines.js';
import { openRowSink } from './row-sink.js';

export interface CopyContext {
  session: WarehouseSession;
  store: ObjectStore;
  bucket: string;
  queryId: number;
  startTime: string;
  /** Checked between batches so a cancelled statement stops reading. */
  isCancelled?: () => boolean;
  /** false: straight to the checked path (the fast path already read this data and gave up). */
  fastPath?: boolean;
}

export interface CopyOutcome {
  rowsLoaded: number;
  errors: LoadErrorRow[];
}

/** Thrown past MAXERROR; carries the rejected rows so they are recorded after the rollback. */
export class LoadFailedError extends TerminalError {
  readonly errors: LoadErrorRow[];

  constructor(table: string, errors: LoadErrorRow[]) {
    super(`Load into table '${table}' failed. Check 'sys_load_error_detail' system table for details.`);
    this.name = 'LoadFailedError';
    this.errors = errors;
  }
}

/**
 * Which path each COPY took ('fast', 'checked', or 'fused' into the target with its INSERT: copy-through-stage.ts),
 * for the benchmark and anyone else who subscribes; publishing costs nothing while nobody listens.
 */
export const copyPathChannel = channel('ferry:local-redshift:copy-path');
export interface CopyPathMessage {
  table: string;
  path: 'fast' | 'checked' | 'fused';
}

export function publishPath(table: string, path: CopyPathMessage['path']): void {
  if (copyPathChannel.hasSubscribers) copyPathChannel.publish({ table, path } satisfies CopyPathMessage);
}

export async function runCopy(command: CopyCommand, context: CopyContext): Promise<CopyOutcome> {
  if (command.format === 'orc' || command.format === 'avro') {
    throw new UnsupportedConstructError(`${command.format.toUpperCase()} (not supported locally)`);
  }
  const table = await loadTargetTable(context.session, command.table);
  const columns = pickColumns(table, command.columns);
  checkIdentityColumns(table, columns, command);
  const sources = await resolveSources(context.store, context.bucket, command);
  const paths = await jsonPathsFor(command, context, columns);
  const plan = context.fastPath === false ? undefined : fastCopyPlan(command, columns);
  if (plan) {
    const target = fastCopyTarget(
      table.sqlName,
      columns.map((c) => c.name),
      plan,
    );
    const opens = sources.map((source) => () => openSource(context.store, source, command));
    const rowsLoaded = await tryFastCopy(context.session, target, opens, plan);
    if (rowsLoaded !== undefined) {
      publishPath(table.name, 'fast');
      return { rowsLoaded, errors: [] };
    }
  }
  publishPath(table.name, 'checked');
  const sink = openRowSink(
    context.session,
    table.sqlName,
    columns.map((c) => c.name),
  );
  const errors: LoadErrorRow[] = [];
  const converters = columns.map((column) => fieldConverter(column, command));
  try {
    for (const source of sources) {
      const check = { columns, converters, command, source, table, context, errors };
      for await (const record of recordsOf(source, command, context, columns, paths)) {
        const values = checkRecord(record, check);
        if (values && !command.noLoad) {
          // Most writes only queue the row: awaiting nothing saves a round of promise jobs per row.
          const flushing = sink.write(values);
          if (flushing) await flushing;
        }
        if (errors.length > command.maxError) throw new LoadFailedError(table.name, errors);
      }
    }
  } catch (error) {
    // The sink must always end, or a server COPY would wait for input forever.
    await sink.abort();
    throw error;
  }
  return { rowsLoaded: await sink.finish(), errors };
}

/** A JSONPaths file names one element per column (copy-usage_notes-copy-from-json.html): a mismatch fails the COPY. */
async function jsonPathsFor(
  command: CopyCommand,
  context: CopyContext,
  columns: TargetColumn[],
): Promise<JsonPath[] | undefined> {
  if (command.format !== 'json' || command.jsonPaths === undefined) return undefined;
  const paths = await readJsonPaths(context.store, context.bucket, command.jsonPaths);
  if (paths && paths.length !== columns.length) {
    throw new TerminalError(
      `Number of jsonpaths and the number of columns should match. JSONPath size: ${paths.length}, ` +
        `Number of columns in table or column list: ${columns.length}`,
    );
  }
  return paths;
}

export function pickColumns(table: TargetTable, names: string[] | undefined): TargetColumn[] {
  if (!names) return table.columns;
  return names.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new TerminalError(`column "${name}" of relation "${table.name}" does not exist`);
    return column;
  });
}

/**
 * https://docs.aws.amazon.com/redshift/latest/dg/c_loading_default_values.html: an IDENTITY column in the column list
 * needs EXPLICIT_IDS, and EXPLICIT_IDS needs the IDENTITY columns in the column list.
 */
function checkIdentityColumns(table: TargetTable, columns: TargetColumn[], command: CopyCommand): void {
  if (!command.columns) return;
  for (const column of table.columns.filter((c) => c.identity)) {
    const listed = columns.includes(column);
    if (listed && !command.explicitIds) {
      throw new TerminalError(
        `COPY into '${table.name}': IDENTITY column "${column.name}" is in the column list but EXPLICIT_IDS is not given`,
      );
    }
    if (!listed && command.explicitIds) {
      throw new TerminalError(
        `COPY into '${table.name}': EXPLICIT_IDS is given but IDENTITY column "${column.name}" is not in the column list`,
      );
    }
  }
}

async function* recordsOf(
  source: CopySource,
  command: CopyCommand,
  context: CopyContext,
  columns: TargetColumn[],
  paths: JsonPath[] | undefined,
): AsyncGenerator<RawRecord> {
  if (command.format === 'parquet') {
    yield* parquetRecords(context.store, source, columns);
    return;
  }
  const stream = await openSource(context.store, source, command);
  const lines = skipLines(readLines(stream, command.acceptInvChars), command, context);
  if (command.format === 'csv') yield* csvRecords(lines, command);
  else if (command.format === 'fixedwidth') yield* fixedWidthRecords(lines, command);
  else if (command.format === 'json')
    yield* jsonRecords(
      lines,
      command,
      columns.map((c) => c.name),
      paths,
    );
  else yield* delimitedRecords(lines, command);
}

async function* skipLines(
  lines: AsyncIterable<Line>,
  command: CopyCommand,
  context: CopyContext,
): AsyncGenerator<Line> {
  for await (const line of lines) {
    if (line.number % 1000 === 0 && context.isCancelled?.())
      throw new TerminalError("Query cancelled on user's request");
    if (line.number <= command.ignoreHeader) continue;
    if (command.ignoreBlankLines && line.text === '') continue;
    yield line;
  }
}

interface RecordCheck {
  columns: TargetColumn[];
  converters: FieldConverter[];
  command: CopyCommand;
  source: CopySource;
  table: TargetTable;
  context: CopyContext;
  errors: LoadErrorRow[];
}

function reject(
  check: RecordCheck,
  record: RawRecord,
  code: number,
  message: string,
  column?: TargetColumn,
  field = '',
): undefined {
  check.errors.push({
    queryId: check.context.queryId,
    tableId: check.table.tableId,
    startTime: check.context.startTime,
    fileName: check.source.url,
    lineNumber: record.lineNumber,
    columnName: column?.name ?? '',
    columnType: column?.typeName ?? '',
    columnLength: column?.maxBytes === undefined ? '' : String(column.maxBytes),
    errorCode: code,
    errorMessage: message,
    rawLine: record.rawLine,
    rawFieldValue: field,
  });
  return undefined;
}

function checkRecord(record: RawRecord, check: RecordCheck): (string | null)[] | undefined {
  const { columns, command } = check;
  if (record.error) return reject(check, record, record.error.code, record.error.message);
  let fields = record.fields ?? [];
  // A delimiter at the very end of a line ends the last field rather than starting another: the venue_noseats
  // example (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY_command_examples.html) loads '1|Toyota Park|…|IL|'
  // into four columns.
  if (command.format === 'delimited' && fields.length === columns.length + 1 && record.trailingDelimiter) {
    fields = fields.slice(0, -1);
  }
  if (fields.length < columns.length && command.fillRecord) {
    fields = [...fields];
    while (fields.length < columns.length) fields.push('');
  }
  if (fields.length < columns.length) {
    return reject(
      check,
      record,
      1203,
      `Delimiter not found: expected ${columns.length} fields, found ${fields.length}`,
      columns[fields.length],
    );
  }
  if (fields.length > columns.length) {
    return reject(
      check,
      record,
      1202,
      `Extra column(s) found: expected ${columns.length} fields, found ${fields.length}`,
    );
  }
  const values: (string | null)[] = new Array(columns.length);
  for (let index = 0; index < columns.length; index++) {
    const raw = fields[index] ?? null;
    const converted = check.converters[index]!(raw);
    if (converted instanceof FieldError) {
      const { code, message } = converted.error;
      return reject(check, record, code, message, columns[index], raw ?? '');
    }
    values[index] = converted;
  }
  return values;
}
