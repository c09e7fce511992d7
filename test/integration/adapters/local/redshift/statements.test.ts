import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StandIn, standInTargets } from './stand-in-targets.js';

describe.each(standInTargets)('the local Redshift stand-in runs statements on $name', (target) => {
  let standIn: StandIn;
  beforeEach(async () => {
    standIn = await target.open();
  });
  afterEach(async () => {
    await standIn.close();
  });

  it('creates a table written with ENCODE, DISTSTYLE, SORTKEY and IDENTITY and fills its getdate() default', async () => {
    const created = await standIn.run([
      `create schema rdsftetl`,
      `create table rdsftetl.t (
         id bigint identity(10, 5) encode az64,
         code varchar(10) encode lzo distkey,
         stamped timestamp default getdate()
       ) diststyle key compound sortkey(id, code) backup no`,
      `insert into rdsftetl.t (code) values ('a'), (null)`,
    ]);
    expect(created.status).toBe('FINISHED');
    const rows = await standIn.query(
      `select id, nvl(code, 'none'), len(code), stamped is not null from rdsftetl.t order by id`,
    );
    expect(rows.columns).toEqual(['id', 'coalesce', 'length', '?column?']);
    expect(rows.rows).toEqual([
      [10, 'a', 1, true],
      [15, 'none', null, true],
    ]);
  });

  it('computes DATEADD, DATEDIFF and TRUNC like Redshift', async () => {
    const rows = await standIn.query(
      `select dateadd(month, 1, '2024-01-31'::date), datediff(day, '2024-01-01', '2024-03-01'), datediff(year, '2023-12-31', '2024-01-01'), trunc('2024-05-06 07:08:09'::timestamp)`,
    );
    expect(rows.rows).toEqual([['2024-02-29 00:00:00', 60, 1, '2024-05-06']]);
  });

  it('fails a statement with an unsupported construct, naming it', async () => {
    const result = await standIn.run([`unload ('select 1') to 's3://ferry-test/out' iam_role default`]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe("ERROR: construct 'UNLOAD' is not supported by the local Redshift stand-in");
  });

  it('reports SUBMITTED at once, FINISHED after running, and delivers one event per statement', async () => {
    const { id } = await standIn.warehouse.submit({
      name: 'ferry:run-1',
      sqls: ['select 1 as one'],
      withEvent: true,
    });
    expect((await standIn.warehouse.describe(id)).status).toBe('SUBMITTED');
    const silent = await standIn.warehouse.submit({
      name: 'ferry:run-2',
      sqls: ['select 2'],
      withEvent: false,
    });
    await standIn.warehouse.drain();
    const description = await standIn.warehouse.describe(id);
    expect(description).toMatchObject({
      status: 'FINISHED',
      resultRows: 1,
      hasResultSet: true,
      subStatements: [],
    });
    expect(description.redshiftQueryId).toBeGreaterThanOrEqual(1000);
    expect(await standIn.warehouse.results(id)).toEqual({ columns: ['one'], rows: [[1]] });
    expect((await standIn.warehouse.describe(silent.id)).status).toBe('FINISHED');
    expect(standIn.events).toHaveLength(1);
    const [event] = standIn.events;
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Redshift Data Statement Status Change',
      source: 'aws.redshift-data',
      resources: ['arn:aws:redshift:us-east-1:000000000000:cluster:ferry-local'],
      detail: { statementId: id, statementName: 'ferry:run-1', state: 'FINISHED', rows: 1 },
    });
    expect(event?.detail.expireAt).toBe(Math.floor(description.createdAt.getTime() / 1000) + 86400);
    expect(event?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('runs a batch in one transaction: a failure mid-way leaves no rows and aborts the rest', async () => {
    await standIn.run(['create table t (n int not null)']);
    const result = await standIn.run([
      'insert into t values (1)',
      'insert into t values (null)',
      'insert into t values (3)',
    ]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toContain('null value in column "n"');
    expect(result.subStatements.map((s) => s.status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
    expect(result.subStatements[1]?.error).toBe(result.error);
    expect(result.subStatements.map((s) => s.id)).toEqual([
      `${result.id}:1`,
      `${result.id}:2`,
      `${result.id}:3`,
    ]);
    expect((await standIn.query('select count(*) from t')).rows).toEqual([[0]]);
    expect(standIn.events.find((e) => e.detail.statementId === result.id)?.detail.state).toBe('FAILED');
  });

  it('keeps a temp table alive across the statements of a batch', async () => {
    await standIn.run(['create table target (a int, file_name varchar(300))']);
    const result = await standIn.run([
      'create temp table ferry_stage (like target)',
      'insert into ferry_stage (a) values (1), (2)',
      `insert into target (a, file_name) select a, 'f.txt' from ferry_stage`,
      'drop table ferry_stage',
      'select count(*) as n from target',
    ]);
    expect(result.status).toBe('FINISHED');
    expect(result.subStatements.map((s) => s.resultRows)).toEqual([0, 2, 2, 0, 1]);
    expect(await standIn.warehouse.results(`${result.id}:5`)).toEqual({ columns: ['n'], rows: [[2]] });
  });

  it('aborts a queued statement on cancel and reports it with an event', async () => {
    await standIn.warehouse.setUp();
    const first = await standIn.warehouse.submit({
      name: 'a',
      sqls: ['select pg_sleep(0.2)'],
      withEvent: true,
    });
    const queued = Array.from({ length: 8 }, () =>
      standIn.warehouse.submit({ name: 'b', sqls: ['select 1'], withEvent: true }),
    );
    const ids = (await Promise.all(queued)).map((q) => q.id);
    const last = ids.at(-1) as string;
    expect(await standIn.warehouse.cancel(last)).toBe(true);
    await standIn.warehouse.drain();
    expect((await standIn.warehouse.describe(last)).status).toBe('ABORTED');
    expect((await standIn.warehouse.describe(first.id)).status).toBe('FINISHED');
    expect(standIn.events.filter((e) => e.detail.statementId === last).map((e) => e.detail.state)).toEqual([
      'ABORTED',
    ]);
    expect(await standIn.warehouse.list({ status: 'ABORTED' })).toHaveLength(1);
  });
});
