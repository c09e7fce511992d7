import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDatabase } from '../../../../lib/adapters/postgres/config-database.js';
import { ConfigError } from '../../../../lib/core/errors.js';
import { type PlaceholderValues, renderPostLoadSql } from '../../../../lib/core/load-sql/placeholders.js';
import { databaseTargets } from '../../../support/databases.js';
import { flavorLoadRule } from '../../../support/sample-rules.js';

const values: PlaceholderValues = {
  file_name: 'PROD_20151015_150510973_PA_FLAVOR_527.txt',
  run_id: 'run-0001',
  loaded_at: '2024-01-02 03:04:05.678',
  interface_cid: '527',
  target_table: 'rdsftetl.dc_x_pa_flavor',
};

const hostileNames = [
  "x'); drop table rdsftcore.dc_x_pa_flavor; --",
  "a'||(select 1)||'",
  'semi;colon -- dash /* star */',
  "back\\'slash\\",
  'multi\nline\r\nname',
  "'{{run_id}}'",
  '$$dollar$$',
];

describe('renderPostLoadSql', () => {
  it('renders the sample post-load call with literals for this run', () => {
    expect(renderPostLoadSql(flavorLoadRule().postLoadSql!, values, 4)).toBe(
      "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', " +
        "'PROD_20151015_150510973_PA_FLAVOR_527.txt', '2024-01-02 03:04:05.678');",
    );
  });

  it('treats an already quoted placeholder as the same single literal', () => {
    expect(renderPostLoadSql("select * from t where file_name = '{{file_name}}'", values)).toBe(
      renderPostLoadSql('select * from t where file_name = {{file_name}}', values),
    );
  });

  it('accepts spaces inside the braces', () => {
    expect(renderPostLoadSql('select {{ run_id }}', values)).toBe("select 'run-0001'");
  });

  it('renders every supported placeholder', () => {
    expect(
      renderPostLoadSql('{{file_name}} {{run_id}} {{loaded_at}} {{interface_cid}} {{target_table}}', values),
    ).toBe(
      "'PROD_20151015_150510973_PA_FLAVOR_527.txt' 'run-0001' '2024-01-02 03:04:05.678' '527' 'rdsftetl.dc_x_pa_flavor'",
    );
  });

  it('refuses an unknown placeholder as a config error on the query field', () => {
    expect(() => renderPostLoadSql('select {{from_ts}}', values, 4)).toThrow(ConfigError);
    expect(() => renderPostLoadSql('select {{from_ts}}', values, 4)).toThrow(
      expect.objectContaining({
        sid: 4,
        field: 'query',
        message: expect.stringContaining('found {{from_ts}}'),
      }),
    );
  });

  it('refuses a placeholder inside a longer literal, where splicing could rewrite the statement', () => {
    expect(() => renderPostLoadSql("select 'prefix {{file_name}}'", values)).toThrow(
      'expected placeholders as whole values',
    );
    expect(() => renderPostLoadSql('select "{{file_name}}"', values)).toThrow(
      'expected placeholders as whole values',
    );
    expect(() => renderPostLoadSql('do $$ begin perform {{file_name}}; end $$', values)).toThrow(
      'expected placeholders as whole values',
    );
  });

  it('leaves comments, other literals and escaped quotes as written', () => {
    const template = "select 'it''s', 'a\\'b', {{run_id}} -- {{unknown}}\n/* {{file_name}} */ , $x$ {} $x$";
    expect(renderPostLoadSql(template, values)).toBe(
      "select 'it''s', 'a\\'b', 'run-0001' -- {{unknown}}\n/* {{file_name}} */ , $x$ {} $x$",
    );
  });

  it.each(hostileNames)('keeps the file name %j inside one literal', (fileName) => {
    const sql = renderPostLoadSql(flavorLoadRule().postLoadSql!, { ...values, file_name: fileName });
    expect(
      sql.startsWith("call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', "),
    ).toBe(true);
    expect(sql.endsWith(", '2024-01-02 03:04:05.678');")).toBe(true);
    // The value is never re-read as a template: a placeholder inside it stays text.
    if (fileName === "'{{run_id}}'") expect(sql).toContain("'''{{run_id}}'''");
  });
});

describe.each(databaseTargets)('rendered post-load SQL on $name', (target) => {
  let database: ConfigDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it.each(hostileNames)('runs as one statement that sees the file name %j exactly', async (fileName) => {
    const template =
      "select {{file_name}} as file_name, '{{run_id}}' as run_id, {{loaded_at}}::timestamp as loaded_at -- {{file_name}}\n";
    const results = await database.runScript(renderPostLoadSql(template, { ...values, file_name: fileName }));
    expect(results).toHaveLength(1);
    expect(results[0]!.rows).toEqual([
      { file_name: fileName, run_id: 'run-0001', loaded_at: '2024-01-02 03:04:05.678' },
    ]);
  });
});
