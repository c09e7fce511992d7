// The real Redshift Data API client, through RedshiftDataWarehouse, against Ferry's own Data API endpoint.
// The real Redshift Data API client, through RedshiftDataWarehouse, against Ferry's own Data API endpoint
// in front of the Redshift stand-in (LocalRedshiftWarehouse) on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedshiftDataWarehouse } from '../../../../lib/adapters/aws/redshift-data-warehouse.js';
import { startDataApiServer } from '../../../../lib/adapters/local/data-api/data-api-server.js';
import { TerminalError, TransientError } from '../../../../lib/core/errors.js';
import { StatementNotFoundError } from '../../../../lib/core/load-sql/statement-not-found-error.js';
import {
  dataClient,
  type EndpointFixture,
  endpointBucket,
  endpointTargets,
} from '../../../support/redshift-data-endpoint.js';

const settings = { database: 'dev', clusterIdentifier: 'local-cluster', dbUser: 'ferry' };

describe.each(endpointTargets)(
  'RedshiftDataWarehouse against the local Data API endpoint on $name',
  (target) => {
    let fixture: EndpointFixture;
    let client: RedshiftDataClient;
    let warehouse: RedshiftDataWarehouse;

    // One stand-in per target (starting a database is slow); every test uses its own tables and names.
    beforeAll(async () => {
      fixture = await target.open({ resultPageRows: 2 });
      client = dataClient(fixture.server.url);
      warehouse = new RedshiftDataWarehouse(client, settings);
    });

    beforeEach(() => {
      fixture.events.length = 0;
    });

    afterAll(async () => {
      client.destroy();
      await fixture.close();
    });

    const settled = () => fixture.standIn.drain();

    it('submits a batch, describes every sub-statement and reads typed values back', async () => {
      const sqls = [
        'create table sample (n int, label varchar(20), note varchar(20), flag boolean, amount numeric(10,2), loaded_at timestamp)',
        "insert into sample values (1, 'alpha', null, true, 12.50, '2024-01-02 03:04:05'), (2, 'beta', 'b', false, -0.75, '2024-12-31 23:59:59')",
        'select n, label, note, flag, amount, loaded_at from sample order by n',
      ];

      const { id } = await warehouse.submit({ name: 'ferry:run-typed', sqls, withEvent: true });
      await settled();
      const description = await warehouse.describe(id);
      const result = await warehouse.results(`${id}:3`);

      expect(description).toMatchObject({ id, status: 'FINISHED' });
      expect(description.createdAt).toBeInstanceOf(Date);
      expect(description.updatedAt.getTime()).toBeGreaterThanOrEqual(description.createdAt.getTime());
      expect(description.subStatements.map((sub) => [sub.id, sub.status, sub.queryString])).toEqual(
        sqls.map((sql, index) => [`${id}:${index + 1}`, 'FINISHED', sql]),
      );
      expect(description.subStatements[1]).toMatchObject({ resultRows: 2, hasResultSet: false });
      expect(description.subStatements[2]).toMatchObject({ resultRows: 2, hasResultSet: true });
      expect(result.columns).toEqual(['n', 'label', 'note', 'flag', 'amount', 'loaded_at']);
      expect(result.rows).toEqual([
        [1, 'alpha', null, true, '12.50', '2024-01-02 03:04:05'],
        [2, 'beta', 'b', false, '-0.75', '2024-12-31 23:59:59'],
      ]);
      expect(
        fixture.events.map((event) => [
          event.detail.statementId,
          event.detail.statementName,
          event.detail.state,
        ]),
      ).toEqual([[id, 'ferry:run-typed', 'FINISHED']]);
    });

    it('follows NextToken until every row of a large result is read', async () => {
      const { id } = await warehouse.submit({
        name: 'ferry:run-paged',
        sqls: ['select g as n, g * 1.5::float8 as half from generate_series(1, 7) g'],
        withEvent: false,
      });
      await settled();

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
      await settled();
      const description = await warehouse.describe(id);

      expect(description.status).toBe('FAILED');
      expect(description.error).toContain('relation "missing_table" does not exist');
      expect(description.subStatements.map((sub) => sub.status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
      expect(description.subStatements[1]?.error).toContain('relation "missing_table" does not exist');
      expect(fixture.events.map((event) => event.detail.state)).toEqual(['FAILED']);
    });

    it('surfaces an unknown statement id as a terminal ResourceNotFoundException naming the id', async () => {
      const unknown = randomUUID();

      const describing = warehouse.describe(unknown);
      const reading = warehouse.results(`${unknown}:1`);

      await expect(describing).rejects.toBeInstanceOf(TerminalError);
      // The class the reconciler branches on to fail a run whose statement is gone (API_DescribeStatement.html, Errors).
      await expect(describing).rejects.toBeInstanceOf(StatementNotFoundError);
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
      await settled();

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

    it('cancels a running statement, rolls its work back and refuses to cancel it twice', async () => {
      await fixture.store.put('held/one.csv', '1\n2\n');
      const release = fixture.holdObjectReads();
      const { id } = await warehouse.submit({
        name: 'ferry:run-cancel',
        sqls: [
          'create table cancel_target (n int)',
          `copy cancel_target from 's3://${endpointBucket}/held/one.csv' delimiter ','`,
          'create table never_created (n int)',
        ],
        withEvent: true,
      });

      const cancelled = await client.send(new CancelStatementCommand({ Id: id }));
      release();
      await settled();
      const described = await warehouse.describe(id);
      const again = await client
        .send(new CancelStatementCommand({ Id: id }))
        .catch((error: unknown) => error);
      const check = await warehouse.submit({
        name: 'ferry:check-cancel',
        sqls: [
          "select count(*) as tables from pg_tables where tablename in ('cancel_target', 'never_created')",
        ],
        withEvent: false,
      });
      await settled();
      const left = await warehouse.results(`${check.id}:1`);

      expect(cancelled.Status).toBe(true);
      expect(described.status).toBe('ABORTED');
      expect(described.subStatements.at(-1)?.status).toBe('ABORTED');
      expect(fixture.events.map((event) => [event.detail.statementId, event.detail.state])).toEqual([
        [id, 'ABORTED'],
      ]);
      expect(again).toMatchObject({
        name: 'ValidationException',
        message: `Could not cancel a query that is already in ABORTED state with ID: ${id}`,
      });
      expect(left.rows).toEqual([[0]]);
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
      await settled();

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
        .then(({ id }) => settled().then(() => client.send(new GetStatementResultCommand({ Id: id }))));

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
        fetch(fixture.server.url, {
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
      const closed = await startDataApiServer({ backend: fixture.standIn });
      const closedUrl = closed.url;
      await closed.close();
      const unreachable = dataClient(closedUrl);

      const attempt = new RedshiftDataWarehouse(unreachable, settings).describe(randomUUID());

      await expect(attempt).rejects.toBeInstanceOf(TransientError);
      await expect(attempt).rejects.toThrow(/^Redshift Data API DescribeStatement failed: .*ECONNREFUSED/);
      unreachable.destroy();
    });
  },
);
