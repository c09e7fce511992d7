// An existing user's Redshift SQL, in the original framework's style, on a workspace from a plain `ferry init`:
// applied through `ferry warehouse apply` and `ferry sql --warehouse -f`, then a file loaded and its post-load call run.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliWorkspace, repoRoot, warehouseCliTargets } from '../integration/cli/cli-targets.js';

const sqlDir = join(repoRoot, 'test/fixtures/original-redshift');
const configScript = 'test/fixtures/config/original-pa-flavor.sql';
const fileName = 'PROD_20240101_LEGACY_FLAVOR_771.txt';
const records = [
  '101|VAN01|Vanilla|11/7/2013|1', // unpadded month/day: valid for %m/%d/%Y, as strptime took it
  '102|CHOC02|Chocolate|1/15/2014|0',
  '103|BAD03|Bad date|13/45/2014|1',
  '104|BADPA|Bad flag|2/2/2014|7',
];

async function warehouseRows(ws: CliWorkspace, sql: string): Promise<unknown[]> {
  const result = await ws.run('--json', 'sql', '--warehouse', sql);
  expect(result.err).toBe('');
  return JSON.parse(result.out)[0].rows;
}

const coreQuery =
  'select flavor_id, flavor_code, cast(effective_date as varchar) as effective_date, pa_flag, file_name ' +
  'from rdsftcore.dc_x_pa_flavor order by flavor_id';
const expectedCore = [
  { flavor_id: 101, flavor_code: 'VAN01', effective_date: '2013-11-07', pa_flag: true, file_name: fileName },
  {
    flavor_id: 102,
    flavor_code: 'CHOC02',
    effective_date: '2014-01-15',
    pa_flag: false,
    file_name: fileName,
  },
];

describe.each(warehouseCliTargets)(
  "the original framework's Redshift SQL on a plain ferry init ($name)",
  (target) => {
    it('applies through warehouse apply and sql --warehouse -f, loads a file and runs its post-load call', async () => {
      const ws = await target.create();
      const dir = await mkdtemp(join(tmpdir(), 'ferry-original-sql-'));
      try {
        expect((await ws.run('init')).code).toBe(0);
        // A plain init leaves the warehouse empty, so the original's table names collide with nothing.
        expect(
          await warehouseRows(
            ws,
            'select table_schema, table_name from information_schema.tables ' +
              "where table_schema in ('rdsftetl', 'rdsftcore', 'rdsftorchestration')",
          ),
        ).toEqual([]);

        const applied = await ws.run('--json', 'warehouse', 'apply', sqlDir);
        expect(applied.err).toBe('');
        expect(JSON.parse(applied.out).map((a: { statements: number }) => a.statements)).toEqual([
          3, 2, 2, 2, 3, 3,
        ]);

        // Again, file by file, as a user runs a script: DROP/CREATE and delete/insert make every file re-runnable.
        const files = (await readdir(sqlDir)).filter((name) => name.endsWith('.sql')).sort();
        for (const file of files) {
          const ran = await ws.run('sql', '--warehouse', '-f', join(sqlDir, file));
          expect([file, ran.code, ran.err]).toEqual([file, 0, '']);
        }
        // The original's plpythonu fn_chk_date, replaced by Ferry's SQL UDF of the same name and meaning.
        const functions = await ws.run(
          'sql',
          '--warehouse',
          '-f',
          join(repoRoot, 'sql/redshift/050-functions.sql'),
        );
        expect([functions.code, functions.err]).toEqual([0, '']);
        const ddl = await ws.run('sql', '--warehouse', '-f', join(sqlDir, '010-stage-tables.sql'));
        expect(ddl.out).toBe('DROP TABLE: done\nCREATE TABLE: done\n');

        expect((await ws.run('sql', '-f', configScript)).code).toBe(0);
        await writeFile(join(dir, fileName), `${records.join('\n')}\n`);
        const put = await ws.run('--json', 'put', join(dir, fileName));
        expect(put.code).toBe(0);
        const [outcome] = JSON.parse(put.out);
        expect([outcome.state, outcome.rowsLoaded]).toEqual(['TRANSFORMED', 4]);

        expect(await warehouseRows(ws, coreQuery)).toEqual(expectedCore);
        expect(
          await warehouseRows(
            ws,
            'select flavor_id, error_msg from rdsftetl.dc_x_pa_flavor_error order by flavor_id',
          ),
        ).toEqual([
          { flavor_id: '103', error_msg: 'invalid effective_date' },
          { flavor_id: '104', error_msg: 'invalid pa_value' },
        ]);

        // The user's own procedure, called with typed timestamps, replaces the placeholders with them as text.
        await warehouseRows(ws, 'delete from rdsftcore.dc_x_pa_flavor');
        const call = await ws.run(
          'sql',
          '--warehouse',
          "call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', " +
            "cast('2020-01-01 17:49:29' as timestamp), cast('2030-01-01 17:49:29' as timestamp))",
        );
        expect([call.code, call.err]).toEqual([0, '']);
        expect(await warehouseRows(ws, coreQuery)).toEqual(expectedCore);
      } finally {
        await rm(dir, { recursive: true, force: true });
        await ws.dispose();
      }
    }, 900_000);
  },
);
