// The `ferry` commands that drive files by hand: explain, watch, errors, reprocess, backfill and warehouse apply.
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliWorkspace, cliTargets } from '../integration/cli/cli-targets.js';

const samples = 'sql/samples/files';
const good = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
const badTrailer = 'PROD_20151016_090000000_PA_FLAVOR_527.txt';

async function inWorkspace(create: () => Promise<CliWorkspace>, work: (ws: CliWorkspace) => Promise<void>) {
  const ws = await create();
  try {
    expect((await ws.run('init', '--samples')).code).toBe(0);
    await work(ws);
  } finally {
    await ws.dispose();
  }
}

async function query(ws: CliWorkspace, sql: string) {
  const database = await ws.open();
  try {
    return (await database.runScript(sql))[0]?.rows ?? [];
  } finally {
    await database.close();
  }
}

/** Drops files straight into the bucket folder, the way a user copies them in with `cp`. */
async function dropIntoInput(ws: CliWorkspace, names: string[], from = samples) {
  const input = join(ws.dir, 'bucket', 'external_input');
  await mkdir(input, { recursive: true });
  for (const name of names) await copyFile(join(from, name), join(input, name));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
}

describe.each(cliTargets)(
  'ferry explain, watch, errors, reprocess, backfill, warehouse on $name',
  (target) => {
    it('explains a good file and a failing one without writing anything', async () => {
      await inWorkspace(target.create, async (ws) => {
        const ok = await ws.run('explain', `${samples}/${good}`);
        expect(ok.code).toBe(0);
        expect(ok.out).toContain(
          'rule     4: interface 527 NDC_X_PA_TYPE -> rdsftetl.dc_x_pa_flavor (token 527)',
        );
        expect(ok.out).toContain('ok    content: 6 records; trailer at 4:14 counts 6');
        expect(ok.out).toContain(
          `COPY "ferry_stage" ("flavor_id", "flavor_code", "flavor_name", "category", "effective_date", "price", "active_flag") FROM 's3://ferry-local/processing/RUN_ID/${good}.manifest'`,
        );
        expect(ok.out).toContain(
          `SELECT "flavor_id", "flavor_code", "flavor_name", "category", "effective_date", "price", "active_flag", '${good}', '`,
        );
        expect(ok.out).toContain(
          `call rdsftorchestration.execute_sql_from_table('rdsftcore', 'dc_x_pa_flavor', '${good}', '`,
        );
        expect(ok.out).toContain('result   would load 6 records into rdsftetl.dc_x_pa_flavor');

        const bad = await ws.run('--json', 'explain', `${samples}/${badTrailer}`);
        expect(bad.code).toBe(1);
        const explained = JSON.parse(bad.out);
        expect(explained.error).toBe('trailer says 4 records, file has 3');
        // The failing check, then the warehouse's view of the target, which explain reports whatever the file holds.
        expect(explained.checks.find((c: { check: string }) => c.check === 'content')).toEqual({
          check: 'content',
          ok: false,
          detail: 'trailer says 4 records, file has 3',
        });
        expect(explained.loadSql).toEqual([]);

        const none = await ws.run('explain', 'package.json');
        expect(none.code).toBe(1);
        expect(none.out).toContain("result   would fail: no active rule matches file 'package.json'");

        expect(
          await query(
            ws,
            'select (select count(*) from rdscnfg.ferry_run) as runs, (select count(*) from rdscnfg.ext_file_audit) as audits',
          ),
        ).toEqual([{ runs: 0, audits: 0 }]);
        expect(await filesUnder(join(ws.dir, 'bucket'))).toEqual([]);
      });
    });

    it('watch --once processes files copied into the input folder; reprocess runs a failed one again after its rule is fixed', async () => {
      await inWorkspace(target.create, async (ws) => {
        // Rule 4 inactive: the good file fails for want of a rule, then succeeds once the rule is back.
        await query(ws, "update rdscnfg.ext_file_config set oprtnl_flag = 'I' where ext_file_config_sid = 4");
        await dropIntoInput(ws, [good, 'ACCT_20240101_600.dat']);
        const watched = await ws.run('watch', '--once', '--concurrency', '2', '--settle', '0');
        expect(watched.code).toBe(1);
        const lines = watched.out.trimEnd().split('\n').sort();
        expect(lines).toEqual([
          '2 runs, 1 failed',
          expect.stringMatching(
            /^external_input\/ACCT_20240101_600\.dat {2}FINISHED {2}6 rows {2}audit \d+$/,
          ),
          expect.stringMatching(
            new RegExp(
              `^external_input/${good} {2}FAILED {2}audit (\\d+) {2}no active rule matches file '${good}'`,
            ),
          ),
        ]);
        const failedAudit = /FAILED {2}audit (\d+)/.exec(watched.out)![1]!;
        expect(await filesUnder(join(ws.dir, 'bucket', 'external_input'))).toEqual([]);

        await query(ws, "update rdscnfg.ext_file_config set oprtnl_flag = 'A' where ext_file_config_sid = 4");
        const again = await ws.run('reprocess', failedAudit);
        expect(again.code).toBe(0);
        expect(again.out).toMatch(new RegExp(`reprocessed archive/error/${good}_\\d{4}-`));
        expect(again.out).toMatch(
          new RegExp(`external_input/${good} {2}TRANSFORMED {2}6 rows {2}audit (\\d+)`),
        );
        const loadedAudit = /TRANSFORMED {2}6 rows {2}audit (\d+)/.exec(again.out)![1]!;

        const refused = await ws.run('reprocess', loadedAudit);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain(
          'is TRANSFORMED: its rows are in the warehouse; reprocessing loads them again — add --force',
        );
        // A failed run that still left rows behind (the row-count check's failure) is refused the same way.
        await query(
          ws,
          `update rdscnfg.ferry_run set state = 'FAILED' where ext_file_audit_sid = ${Number(loadedAudit)}`,
        );
        const keptRows = await ws.run('reprocess', loadedAudit);
        expect(keptRows.code).toBe(1);
        expect(keptRows.err).toContain(
          'is FAILED but left 6 rows in the warehouse; reprocessing loads them again',
        );
        await query(
          ws,
          `update rdscnfg.ferry_run set state = 'TRANSFORMED' where ext_file_audit_sid = ${Number(loadedAudit)}`,
        );
        const forced = await ws.run('--json', 'reprocess', '--force', loadedAudit);
        expect(forced.code).toBe(0);
        expect(
          JSON.parse(forced.out).outcomes.map((o: { state: string; rowsLoaded: number }) => [
            o.state,
            o.rowsLoaded,
          ]),
        ).toEqual([['TRANSFORMED', 6]]);
        const rows = await ws.run(
          '--json',
          'sql',
          `select count(*)::int as n from rdscnfg.ferry_run where object_key = 'external_input/${good}' and retired_at is not null`,
        );
        expect(JSON.parse(rows.out)[0].rows).toEqual([{ n: 2 }]);
      });
    });

    it('lists the rows a load rejected under max_errors', async () => {
      await inWorkspace(target.create, async (ws) => {
        await query(ws, 'update rdscnfg.ext_file_config set max_errors = 5 where ext_file_config_sid = 4');
        const dir = await mkdtemp(join(tmpdir(), 'ferry-rejects-'));
        try {
          const name = 'PROD_20240101_000000000_PA_FLAVOR_527.txt';
          await writeFile(
            join(dir, name),
            '101|VAN01|Vanilla|Classic|2015-10-16|4.35|Y\n102|CHOC02|Chocolate|Classic|2015-10-16|not-a-price|Y\nTRL0000000002\n',
          );
          const put = await ws.run('--json', 'put', join(dir, name));
          const [outcome] = JSON.parse(put.out);
          expect([outcome.state, outcome.rowsLoaded, outcome.rowsRejected]).toEqual(['TRANSFORMED', 1, 1]);
          // A load that dropped rows is not a plain success: its own exit code, audit message and notification.
          expect(put.code).toBe(3);
          expect(
            await query(
              ws,
              `select file_process_status, error_msg from rdscnfg.ext_file_audit where ext_file_audit_sid = ${outcome.auditId}`,
            ),
          ).toEqual([
            {
              file_process_status: 'TRANSFORMED',
              error_msg: `loaded with 1 rejected rows (max_errors 5); \`ferry errors ${outcome.auditId}\` lists them`,
            },
          ]);
          const notified = await query(
            ws,
            `select subject, attributes->'success'->>'StringValue' as success from rdscnfg.ferry_outbox where run_id = '${outcome.runId}' and channel = 'sns'`,
          );
          expect(notified).toEqual([
            { subject: `Ferry TRANSFORMED (loaded with 1 rejected rows): ${name}`, success: 'false' },
          ]);
          // Every row rejected: still exit 3 and said so, never "succeeded".
          const allBad = 'PROD_20240101_000000001_PA_FLAVOR_527.txt';
          await writeFile(
            join(dir, allBad),
            '101|VAN01|Vanilla|Classic|2015-10-16|bad|Y\n102|CHOC02|Chocolate|Classic|2015-10-16|bad|Y\nTRL0000000002\n',
          );
          const none = await ws.run('put', join(dir, allBad));
          expect(none.code).toBe(3);
          expect(none.out).toMatch(/TRANSFORMED +0 +2 +\d+ +2 rows rejected; `ferry errors \d+` lists them/);
          const errors = await ws.run('errors', String(outcome.auditId));
          expect(errors.code).toBe(0);
          expect(errors.out).toContain(`run ${outcome.runId} (external_input/${name}): 1 rejected rows`);
          const listed = JSON.parse((await ws.run('--json', 'errors', outcome.runId)).out);
          expect(listed.rejected).toHaveLength(1);
          expect(listed.rejected[0]).toMatchObject({ line: 2, column: 'price' });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    });

    it('put exits 1 and names the run when a file it put is left RECEIVED by a process that died', async () => {
      await inWorkspace(target.create, async (ws) => {
        expect((await ws.run('put', `${samples}/${good}`)).code).toBe(0);
        // An earlier process claimed this object and died before finishing it (kill -9): its run stays RECEIVED,
        // and the same bytes put again are that run's duplicate delivery, not a new run.
        const [claimed] = await query(
          ws,
          `update rdscnfg.ferry_run set state = 'RECEIVED' where object_key = 'external_input/${good}' returning run_id`,
        );
        const again = await ws.run('put', `${samples}/${good}`);
        expect(again.code).toBe(1);
        expect(again.err).toContain(
          `ferry: expected every run to finish, found 1 that did not: external_input/${good} (run ${claimed?.run_id} still RECEIVED)`,
        );
      });
    });

    it('backfills files dropped into the bucket and applies a directory of warehouse SQL', async () => {
      await inWorkspace(target.create, async (ws) => {
        await dropIntoInput(ws, [good, 'ACCT_20240101_600.dat']);
        const dry = await ws.run('backfill', '--dry-run');
        expect(dry.out).toBe(
          `would process external_input/ACCT_20240101_600.dat\nwould process external_input/${good}\n`,
        );
        const backfill = await ws.run('--json', 'backfill', '--concurrency', '2');
        expect(backfill.code).toBe(0);
        const states = JSON.parse(backfill.out).map((o: { key: string; state: string }) => [o.key, o.state]);
        expect(states).toEqual([
          ['external_input/ACCT_20240101_600.dat', 'FINISHED'],
          [`external_input/${good}`, 'TRANSFORMED'],
        ]);
        expect((await ws.run('backfill')).out).toBe('backfill: 0 runs, 0 failed\n');

        const sqlDir = await mkdtemp(join(tmpdir(), 'ferry-sql-'));
        try {
          await writeFile(
            join(sqlDir, '002-insert.sql'),
            "insert into scratch.note (id, body) values (1, 'hello');\n",
          );
          await writeFile(
            join(sqlDir, '001-create.sql'),
            'create schema if not exists scratch;\ncreate table scratch.note (id integer encode az64, body varchar(20)) diststyle even;\n',
          );
          const applied = await ws.run('--json', 'warehouse', 'apply', sqlDir);
          expect(applied.code).toBe(0);
          expect(
            JSON.parse(applied.out).map((a: { name: string; statements: number }) => [
              a.name.split('/').at(-1),
              a.statements,
            ]),
          ).toEqual([
            ['001-create.sql', 2],
            ['002-insert.sql', 1],
          ]);
          const broken = join(sqlDir, 'broken.sql');
          await writeFile(broken, 'select * from scratch.missing_table;\n');
          const failed = await ws.run('warehouse', 'apply', broken);
          expect(failed.code).toBe(1);
          expect(failed.err).toMatch(/broken\.sql failed: .*missing_table/);
        } finally {
          await rm(sqlDir, { recursive: true, force: true });
        }
      });
    });
  },
);
