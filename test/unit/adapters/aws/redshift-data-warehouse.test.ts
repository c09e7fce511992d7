// What RedshiftDataWarehouse sends and how it classifies failures, with a recording stand-in for the SDK client.
import {
  BatchExecuteStatementCommand,
  GetStatementResultCommand,
  InternalServerException,
  RedshiftDataServiceException,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { describe, expect, it } from 'vitest';
import { toFerryError } from '../../../../lib/adapters/aws/redshift-data-errors.js';
import { RedshiftDataWarehouse } from '../../../../lib/adapters/aws/redshift-data-warehouse.js';
import { TerminalError, TransientError } from '../../../../lib/core/errors.js';

type Reply = (command: { input: Record<string, unknown> }) => unknown;

function recordingClient(reply: Reply) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  return {
    sent,
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return reply(command);
    },
  };
}

const settings = { database: 'dev', workgroupName: 'wg' };

describe('RedshiftDataWarehouse.submit', () => {
  it('always sends one BatchExecuteStatement with the name, the event flag and the target', async () => {
    const client = recordingClient(() => ({ Id: 'stmt-1' }));
    const warehouse = new RedshiftDataWarehouse(client as never, settings);

    const submitted = await warehouse.submit({
      name: 'ferry:run-1',
      sqls: ['copy a', 'insert b'],
      withEvent: true,
    });

    expect(submitted).toEqual({ id: 'stmt-1' });
    expect(client.sent).toEqual([
      {
        name: BatchExecuteStatementCommand.name,
        input: {
          Database: 'dev',
          WorkgroupName: 'wg',
          Sqls: ['copy a', 'insert b'],
          StatementName: 'ferry:run-1',
          WithEvent: true,
        },
      },
    ]);
  });

  it.each([
    ['no statements', { sqls: [] as string[] }, 'a statement batch takes 1 to 40 statements, found 0'],
    [
      '41 statements',
      { sqls: Array.from({ length: 41 }, () => 'select 1') },
      'takes 1 to 40 statements, found 41',
    ],
    ['more than 100 KB of SQL', { sqls: ['x'.repeat(102_401)] }, 'at most 102400 bytes of SQL, found 102401'],
    [
      'a 501-character name',
      { sqls: ['select 1'], name: 'n'.repeat(501) },
      'at most 500 characters, found 501',
    ],
  ])('refuses %s before calling the service', async (_case, request, message) => {
    const client = recordingClient(() => ({ Id: 'never' }));
    const warehouse = new RedshiftDataWarehouse(client as never, settings);

    const attempt = warehouse.submit({ name: 'ferry:run', withEvent: false, ...request });

    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(TerminalError);
    expect(client.sent).toEqual([]);
  });
});

describe('RedshiftDataWarehouse.results', () => {
  it('reads every page and maps each Field union to a plain value', async () => {
    const pages: Record<string, unknown> = {
      first: {
        ColumnMetadata: [{ name: 'n' }, { name: 'label' }, { label: 'computed' }],
        Records: [[{ longValue: 1 }, { stringValue: 'a' }, { booleanValue: true }]],
        NextToken: 'second',
      },
      second: { Records: [[{ doubleValue: 2.5 }, { isNull: true }, { blobValue: new Uint8Array([1]) }]] },
    };
    const client = recordingClient((command) => pages[(command.input.NextToken as string) ?? 'first']);
    const warehouse = new RedshiftDataWarehouse(client as never, settings);

    const result = await warehouse.results('stmt-1:2');

    expect(result).toEqual({
      columns: ['n', 'label', 'computed'],
      rows: [
        [1, 'a', true],
        [2.5, null, new Uint8Array([1])],
      ],
    });
    expect(client.sent.map((call) => [call.name, call.input])).toEqual([
      [GetStatementResultCommand.name, { Id: 'stmt-1:2' }],
      [GetStatementResultCommand.name, { Id: 'stmt-1:2', NextToken: 'second' }],
    ]);
  });
});

describe('RedshiftDataWarehouse.describe', () => {
  it('maps the response into the port, leaving out the -1 the service reports for unknown counts', async () => {
    const createdAt = new Date('2024-05-01T10:00:00Z');
    const updatedAt = new Date('2024-05-01T10:00:03Z');
    const client = recordingClient(() => ({
      Id: 'stmt-1',
      Status: 'FAILED',
      Error: 'ERROR: Load into table t failed',
      CreatedAt: createdAt,
      UpdatedAt: updatedAt,
      ResultRows: -1,
      HasResultSet: false,
      RedshiftQueryId: 0,
      SubStatements: [
        {
          Id: 'stmt-1:1',
          Status: 'FINISHED',
          QueryString: 'create temp table x',
          ResultRows: 0,
          RedshiftQueryId: 7,
        },
        {
          Id: 'stmt-1:2',
          Status: 'FAILED',
          QueryString: 'copy x',
          Error: 'ERROR: Load into table t failed',
          ResultRows: -1,
        },
      ],
    }));
    const warehouse = new RedshiftDataWarehouse(client as never, settings);

    const description = await warehouse.describe('stmt-1');

    expect(description).toEqual({
      id: 'stmt-1',
      status: 'FAILED',
      error: 'ERROR: Load into table t failed',
      createdAt,
      updatedAt,
      hasResultSet: false,
      redshiftQueryId: 0,
      subStatements: [
        {
          id: 'stmt-1:1',
          status: 'FINISHED',
          queryString: 'create temp table x',
          resultRows: 0,
          redshiftQueryId: 7,
        },
        { id: 'stmt-1:2', status: 'FAILED', queryString: 'copy x', error: 'ERROR: Load into table t failed' },
      ],
    });
  });

  it("refuses a status outside the port's closed set", async () => {
    const client = recordingClient(() => ({ Id: 'stmt-1', Status: 'UNKNOWN', CreatedAt: new Date() }));
    const warehouse = new RedshiftDataWarehouse(client as never, settings);

    const attempt = warehouse.describe('stmt-1');

    await expect(attempt).rejects.toThrow(
      'Redshift Data API statement stmt-1: expected a status among SUBMITTED, PICKED, STARTED, FINISHED, FAILED, ABORTED, found UNKNOWN',
    );
  });
});

describe('toFerryError', () => {
  const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

  it('treats validation and not-found answers as terminal, keeping the service message', () => {
    const validation = new ValidationException({ message: 'Sqls is empty', ...metadata(400) });
    const missing = new ResourceNotFoundException({
      message: 'Query does not exist',
      Message: 'Query does not exist',
      ResourceId: 'x',
      ...metadata(400),
    });

    const mapped = [
      toFerryError(validation, 'BatchExecuteStatement'),
      toFerryError(missing, 'DescribeStatement', { statementId: 'x' }),
    ];

    expect(mapped.map((error) => [error.name, error.message])).toEqual([
      ['TerminalError', 'Redshift Data API BatchExecuteStatement failed: ValidationException: Sqls is empty'],
      [
        'TerminalError',
        'Redshift Data API DescribeStatement failed: ResourceNotFoundException: Query does not exist',
      ],
    ]);
    expect(mapped[1]?.context).toEqual({ statementId: 'x' });
    expect(mapped[0]?.cause).toBe(validation);
  });

  it('treats throttling, server faults and network failures as transient', () => {
    const throttled = new RedshiftDataServiceException({
      name: 'ThrottlingException',
      $fault: 'client',
      message: 'Rate exceeded',
      ...metadata(400),
    });
    const internal = new InternalServerException({ message: 'boom', Message: 'boom', ...metadata(500) });
    const unavailable = Object.assign(new Error('Service Unavailable'), {
      name: 'Unknown',
      ...metadata(503),
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

    const mapped = [throttled, internal, unavailable, refused].map((error) =>
      toFerryError(error, 'DescribeStatement'),
    );

    expect(mapped.every((error) => error instanceof TransientError)).toBe(true);
    expect(mapped.map((error) => error.message)).toEqual([
      'Redshift Data API DescribeStatement failed: ThrottlingException: Rate exceeded',
      'Redshift Data API DescribeStatement failed: InternalServerException: boom',
      'Redshift Data API DescribeStatement failed: Unknown: Service Unavailable',
      'Redshift Data API DescribeStatement failed: Error: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });
});
