// The Warehouse port over the Redshift Data API: one BatchExecuteStatement per submission, described and read back.

import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { TerminalError } from '../../core/errors.js';
import { dataApiLimits } from '../../core/load-sql/batch-limits.js';
import { StatementNotFoundError } from '../../core/load-sql/statement-not-found-error.js';
import type { Logger } from '../../ports/logger.js';
import type {
  StatementDescription,
  StatementResult,
  SubmitRequest,
  Warehouse,
} from '../../ports/warehouse.js';
import { toFerryError } from './redshift-data-errors.js';
import { fieldValue, toStatementDescription } from './redshift-data-mapping.js';
import {
  type RedshiftDataSettings,
  type RedshiftDataTarget,
  resolveRedshiftTarget,
} from './redshift-data-target.js';

/** Data API limits for one BatchExecuteStatement call. */

type DataClient = Pick<RedshiftDataClient, 'send'>;

export class RedshiftDataWarehouse implements Warehouse {
  private readonly target: RedshiftDataTarget;

  constructor(
    private readonly client: DataClient,
    settings: RedshiftDataSettings,
    private readonly log?: Logger,
  ) {
    this.target = resolveRedshiftTarget(settings);
  }

  /** Always a batch: ExecuteStatement accepts one statement only, and a batch runs as one transaction. */
  async submit(request: SubmitRequest): Promise<{ id: string }> {
    checkLimits(request);
    const command = new BatchExecuteStatementCommand({
      ...this.target.members,
      Sqls: request.sqls,
      StatementName: request.name,
      WithEvent: request.withEvent,
      ...(request.clientToken === undefined ? {} : { ClientToken: request.clientToken }),
    });
    const started = Date.now();
    const output = await this.call('BatchExecuteStatement', {}, () => this.client.send(command));
    if (!output.Id)
      throw new TerminalError('Redshift Data API BatchExecuteStatement: expected a statement Id, found none');
    this.log?.info(
      {
        statementId: output.Id,
        statementName: request.name,
        statements: request.sqls.length,
        ms: Date.now() - started,
      },
      'statement batch submitted',
    );
    return { id: output.Id };
  }

  /** An id the Data API no longer knows (kept 24 hours) is a StatementNotFoundError, so callers can fail the run. */
  async describe(id: string): Promise<StatementDescription> {
    const command = new DescribeStatementCommand({ Id: id });
    const output = await this.call('DescribeStatement', { statementId: id }, () =>
      this.client.send(command),
    ).catch((error: unknown) => {
      if ((error as { cause?: { name?: string } }).cause?.name !== 'ResourceNotFoundException') throw error;
      throw new StatementNotFoundError((error as Error).message, id, { cause: (error as Error).cause });
    });
    return toStatementDescription(output, id);
  }

  /** Follows NextToken to the end; the Data API pages large results (about 100 MB per page). */
  async results(id: string): Promise<StatementResult> {
    const rows: unknown[][] = [];
    let columns: string[] = [];
    let nextToken: string | undefined;
    do {
      const command = new GetStatementResultCommand({
        Id: id,
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      const page = await this.call('GetStatementResult', { statementId: id }, () =>
        this.client.send(command),
      );
      if (page.ColumnMetadata && columns.length === 0) {
        columns = page.ColumnMetadata.map(
          (column, index) => column.name ?? column.label ?? `column${index + 1}`,
        );
      }
      for (const record of page.Records ?? []) rows.push(record.map(fieldValue));
      nextToken = page.NextToken;
    } while (nextToken);
    return { columns, rows };
  }

  private async call<Output>(
    operation: string,
    context: { statementId?: string },
    run: () => Promise<Output>,
  ): Promise<Output> {
    try {
      return await run();
    } catch (error) {
      const failure = toFerryError(error, operation, context);
      this.log?.warn(
        { operation, statementId: context.statementId, error: failure.message, kind: failure.name },
        'redshift data call failed',
      );
      throw failure;
    }
  }
}

function checkLimits(request: SubmitRequest): void {
  const count = request.sqls.length;
  if (count === 0 || count > dataApiLimits.statements) {
    throw new TerminalError(
      `a statement batch takes 1 to ${dataApiLimits.statements} statements, found ${count}`,
    );
  }
  const bytes = request.sqls.reduce((sum, sql) => sum + Buffer.byteLength(sql, 'utf8'), 0);
  if (bytes > dataApiLimits.sqlBytes) {
    throw new TerminalError(
      `a statement batch takes at most ${dataApiLimits.sqlBytes} bytes of SQL, found ${bytes}`,
    );
  }
  if (request.name.length > dataApiLimits.nameLength) {
    throw new TerminalError(
      `a statement name takes at most ${dataApiLimits.nameLength} characters, found ${request.name.length}`,
    );
  }
}
