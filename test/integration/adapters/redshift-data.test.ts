// The real Redshift Data API client, through RedshiftDataWarehouse, against Ferry's own Data API endpoint.
import { randomUUID } from 'node:crypto';
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedshiftDataWarehouse } from '../../../lib/adapters/aws/redshift-data-warehouse.js';
import {
  type DataApiServer,
  startDataApiServer,
} from '../../../lib/adapters/local/data-api/data-api-server.js';
import { TerminalError, TransientError } from '../../../lib/errors.js';
import type { StatementStatusEvent } from '../../../lib/ports/status-events.js';
import { PgliteStatementBackend } from '../../support/pglite-statement-backend.js';

const settings = { database: 'dev', clusterIdentifier: 'local-cluster', dbUser: 'ferry' };

function dataClient(endpoint: string): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
}

describe('RedshiftDataWarehouse against the local Data API endpoint', () => {
  let backend: PgliteStatementBackend;
  let server: DataApiServer;
  let client: RedshiftDataClient;
  let warehouse: RedshiftDataWarehouse;
  const events: StatementStatusEvent[] = [];

  // One backend for the suite (PGlite takes a while to start); every test uses its own tables and names.
  beforeAll(async () => {
    backend = await PgliteStatementBackend.create(async (event) => {
      events.push(event);
    });
    server = await startDataApiServer({ backend, resultPageRows: 2 });
    client = dataClient(server.url);
    warehouse = new RedshiftDataWarehouse(client, settings);
  });

  beforeEach(() => {
    events.length = 0;
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    await backend.close();
  });

  it('submits a batch, describes every sub-statement and reads typed values back', async () => {
    const sqls = [
      'create table sample (n int, label varchar(20), note varchar(20), flag boolean, amount numeric(10,2), loaded_at timestamp)',
      "insert into sample values (1, 'alpha', null, true, 12.50, '2024-01-02 03:04:05'), (2, 'beta', 'b', false, -0.75, '2024-12-31 23:59:59')",
      'select n, label, note, flag, amount, loaded_at from sample order by n',
    ];

    const { id } = await warehouse.submit({ name: 'ferry:run-typed', sqls, withEvent: true });
    await backend.settled(id);
    const description = await warehouse.describe(id);
    const result = await warehouse.results(`${id}:3`);

    expect(description).toMatchObject({ id, status: 'FINISHED', hasResultSet: true, resultRows: 2 });
    expect(description.createdAt).toBeInstanceOf(Date);
    expect(description.updatedAt.getTime()).toBeGreaterThanOrEqual(description.createdAt.getTime());
    expect(description.subStatements.map((sub) => [sub.id, sub.status, sub.queryString])).toEqual(
      sqls.map((sql, index) => [`${id}:${index + 1}`, 'FINISHED', sql]),
    );
    expect(description.subStatements[1]).toMatchObject({ resultRows: 2, hasResultSet: false });
    expect(result.columns).toEqual(['n', 'label', 'note', 'flag', 'amount', 'loaded_at']);
    expect(result.rows).toEqual([
      [1, 'alpha', null, true, '12.50', '2024-01-02 03:04:05'],
      [2, 'beta', 'b', false, '-0.75', '2024-12-31 23:59:59'],
    ]);
    expect(
      events.map((event) => [event.detail.statementId, event.detail.statementName, event.detail.state]),
    ).toEqual([[id, 'ferry:run-typed', 'FINISHED']]);
  });

  it('follows NextToken until every row of a large result is read', async () => {
    const { id } = await warehouse.submit({
      name: 'ferry:run-paged',
      sqls: ['select g as n, g * 1.5::float8 as half from generate_series(1, 7) g'],
      withEvent: false,
    });
    await backend.settled(id);

    const first = await client.send(new GetStatementResultCommand({ Id: `${id}:1` }));
    const result = await warehouse.results(`${id}:1`);

    expect(first.Records).toHaveLength(2);
    expect(first.TotalNumRows).toBe(7);
    expect(first.NextToken).toBeTypeOf('string');
    expect(first.ColumnMetadata?.map((column) => [column.name, column.typeName])).toEqual([
      ['n', 'int8'],
      ['half', 'float8'],
    ]);
    expect(result.rows).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, n * 1.5]));
  });

  it("reports a failing statement's error text on the batch and on the sub-statement", async () => {
    const { id } = await warehouse.submit({
      name: 'ferry:run-fails',
      sqls: ['create table kept (n int)', 'insert into missing_table values (1)', 'select 1'],
      withEvent: true,
    });
    await backend.settled(id);
    const description = await warehouse.describe(id);

    expect(description.status).toBe('FAILED');
    expect(description.error).toContain('relation "missing_table" does not exist');
    expect(description.subStatements.map((sub) => sub.status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
    expect(description.subStatements[1]?.error).toContain('relation "missing_table" does not exist');
    expect(events.map((event) => event.detail.state)).toEqual(['FAILED']);
  });

  it('surfaces an unknown statement id as a terminal ResourceNotFoundException naming the id', async () => {
    const unknown = randomUUID();

    const describing = warehouse.describe(unknown);
    const reading = warehouse.results(`${unknown}:1`);

    await expect(describing).rejects.toBeInstanceOf(TerminalError);
    await expect(describing).rejects.toThrow(
      `Redshift Data API DescribeStatement failed: ResourceNotFoundException: Query does not exist: no statement with ID ${unknown}`,
    );
    await expect(reading).rejects.toThrow(
      /GetStatementResult failed: ResourceNotFoundException: .*no statement/,
    );
    await expect(describing).rejects.toMatchObject({ context: { statementId: unknown } });
  });

  it('lists statements whose name starts with the given prefix', async () => {
    const submitted = [];
    for (const name of ['list:run-a', 'list:run-b', 'other:list:run-c']) {
      submitted.push(await warehouse.submit({ name, sqls: ['select 1'], withEvent: false }));
    }
    await Promise.all(submitted.map(({ id }) => backend.settled(id)));

    const listed = await client.send(new ListStatementsCommand({ StatementName: 'list:', Status: 'ALL' }));
    const paged = await client.send(new ListStatementsCommand({ StatementName: 'list:', MaxResults: 1 }));

    expect(
      listed.Statements?.map((s) => [s.StatementName, s.Status, s.IsBatchStatement, s.QueryStrings]),
    ).toEqual([
      ['list:run-b', 'FINISHED', true, ['select 1']],
      ['list:run-a', 'FINISHED', true, ['select 1']],
    ]);
    expect(listed.Statements?.[0]?.Id).toBe(submitted[1]?.id);
    expect(listed.Statements?.[0]?.CreatedAt).toBeInstanceOf(Date);
    expect(paged.Statements?.map((s) => s.StatementName)).toEqual(['list:run-b']);
    expect(paged.NextToken).toBeTypeOf('string');
  });

  it('cancels a statement that is still queued and refuses to cancel it twice', async () => {
    const release = backend.hold();
    const { id } = await warehouse.submit({
      name: 'ferry:run-cancel',
      sqls: ['create table never (n int)'],
      withEvent: false,
    });

    const cancelled = await client.send(new CancelStatementCommand({ Id: id }));
    const described = await warehouse.describe(id);
    release();
    await backend.settled(id);
    const again = client.send(new CancelStatementCommand({ Id: id }));

    expect(cancelled.Status).toBe(true);
    expect(described.status).toBe('ABORTED');
    expect(described.subStatements.map((sub) => sub.status)).toEqual(['ABORTED']);
    await expect(again).rejects.toMatchObject({
      name: 'ValidationException',
      message: `Could not cancel a query that is already in ABORTED state with ID: ${id}`,
    });
    const tables = await backend.pglite.query(
      "select count(*)::int as n from pg_tables where tablename = 'never'",
    );
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('describes a single ExecuteStatement without sub-statements and reads it by its own id', async () => {
    const submitted = await client.send(
      new ExecuteStatementCommand({
        Sql: "select 'one' as word",
        Database: 'dev',
        WorkgroupName: 'local-wg',
      }),
    );
    const id = submitted.Id ?? '';
    await backend.settled(id);

    const described = await client.send(new DescribeStatementCommand({ Id: id }));
    const rows = await client.send(new GetStatementResultCommand({ Id: id }));

    expect(submitted).toMatchObject({ Database: 'dev', WorkgroupName: 'local-wg' });
    expect(described).toMatchObject({
      Id: id,
      Status: 'FINISHED',
      QueryString: "select 'one' as word",
      HasResultSet: true,
      ResultRows: 1,
    });
    expect(described.SubStatements).toBeUndefined();
    expect(rows.Records).toEqual([[{ stringValue: 'one' }]]);
  });

  it('answers bad input with a ValidationException the SDK decodes', async () => {
    const missingTarget = client.send(new ExecuteStatementCommand({ Sql: 'select 1', Database: 'dev' }));
    const batchIdForResults = warehouse
      .submit({ name: 'ferry:x', sqls: ['select 1'], withEvent: false })
      .then(({ id }) =>
        backend.settled(id).then(() => client.send(new GetStatementResultCommand({ Id: id }))),
      );

    await expect(missingTarget).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'expected exactly one of ClusterIdentifier or WorkgroupName',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(batchIdForResults).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(':1 for its results'),
    });
  });

  it('answers an unknown operation and a malformed body with the service error shape', async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body,
      });

    const unknown = await post('RedshiftData.DropEverything', '{}');
    const malformed = await post('RedshiftData.DescribeStatement', '{"Id":');

    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await unknown.json()).toEqual({
      __type: 'UnknownOperationException',
      message: expect.stringContaining('found POST RedshiftData.DropEverything'),
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });
  });

  it('turns an endpoint that does not answer into a transient error', async () => {
    const closed = await startDataApiServer({ backend });
    const closedUrl = closed.url;
    await closed.close();
    const unreachable = dataClient(closedUrl);

    const attempt = new RedshiftDataWarehouse(unreachable, settings).describe(randomUUID());

    await expect(attempt).rejects.toBeInstanceOf(TransientError);
    await expect(attempt).rejects.toThrow(/^Redshift Data API DescribeStatement failed: .*ECONNREFUSED/);
    unreachable.destroy();
  });
});
