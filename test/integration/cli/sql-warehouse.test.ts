// `ferry sql --warehouse`: DDL and DML run and say what they did, locally and through the Data API with --aws.
import { describe, expect, it } from 'vitest';
import { queryWarehouse } from '../../../lib/cli/warehouse/query-warehouse.js';
import { endpointTargets } from '../../support/redshift-data-endpoint.js';
import { runFerry, warehouseCliTargets } from './cli-targets.js';

const script = `
-- a setup script as users write it
create schema if not exists shop;
drop table if exists shop.item;
create table shop.item (id integer encode az64, name varchar(20)) diststyle all;
insert into shop.item values (1, 'a'), (2, 'b'), (3, 'c');
update shop.item set name = 'z' where id > 1;
select id, name from shop.item order by id;
delete from shop.item where id = 3;
`;

const expectedLines = [
  'CREATE SCHEMA: done',
  'DROP TABLE: done',
  'CREATE TABLE: done',
  'INSERT: 3 rows',
  'UPDATE: 2 rows',
  'id  name',
  '--  ----',
  '1   a',
  '2   z',
  '3   z',
  '(3 rows)',
  'DELETE: 1 row',
];

// https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html: HasResultSet, ResultRows
describe.each(warehouseCliTargets)('ferry sql --warehouse on $name', (target) => {
  it('runs DDL and DML, printing each statement with the rows it changed, and tables for queries', async () => {
    const ws = await target.create();
    try {
      const result = await ws.run('sql', '--warehouse', script);
      expect(result).toEqual({ code: 0, out: `${expectedLines.join('\n')}\n`, err: '' });
      const json = await ws.run('--json', 'sql', '--warehouse', 'insert into shop.item values (9, $$x$$)');
      expect(JSON.parse(json.out)).toEqual([{ statement: 'INSERT', rowsAffected: 1, fields: [], rows: [] }]);
    } finally {
      await ws.dispose();
    }
  }, 240_000);

  it('stops at a failing statement after printing what ran, naming it and what did not run', async () => {
    const ws = await target.create();
    try {
      const result = await ws.run(
        'sql',
        '--warehouse',
        'create schema if not exists s2; insert into s2.missing values (1); create table s2.never (id int)',
      );
      expect(result.code).toBe(1);
      expect(result.out).toBe('CREATE SCHEMA: done\n');
      expect(result.err).toMatch(
        /^ferry: statement 2 of 3 \(INSERT\) failed: warehouse statement failed: .*s2\.missing.* does not exist; the 1 after it did not run\n/,
      );
      expect((await ws.run('sql', '--warehouse', 'select count(*) as n from s2.never')).code).toBe(1);
    } finally {
      await ws.dispose();
    }
  }, 240_000);
});

describe.each(endpointTargets)('ferry sql --warehouse --aws on $name', (target) => {
  it('runs DDL and DML through the Data API endpoint, reading results only of statements that have them', async () => {
    const endpoint = await target.open({});
    try {
      const env = {
        AWS_ENDPOINT_URL_REDSHIFT_DATA: endpoint.server.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
        AWS_SECRET_ACCESS_KEY: 'local-secret',
        FERRY_REDSHIFT_CLUSTER: 'local',
        FERRY_REDSHIFT_DB_USER: 'ferry',
        FERRY_REDSHIFT_DATABASE: 'dev',
      };
      const result = await runFerry(['sql', '--warehouse', '--aws', script], env);
      expect(result).toEqual({ code: 0, out: `${expectedLines.join('\n')}\n`, err: '' });
      const rows = await queryWarehouse(endpoint.standIn, 'select id, name from shop.item order by id', {
        pollMs: 10,
      });
      expect(rows.rows).toEqual([
        [1, 'a'],
        [2, 'z'],
      ]);
      const withoutWarehouse = await runFerry(['sql', '--aws', 'select 1'], env);
      expect(withoutWarehouse.code).toBe(2);
      expect(withoutWarehouse.err).toContain('--aws runs SQL on Redshift and needs --warehouse');
    } finally {
      await endpoint.close();
    }
  }, 240_000);
});
