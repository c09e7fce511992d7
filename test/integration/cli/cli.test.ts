import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configDatabaseDir } from '../../../lib/cli/workspace.js';
import { type CliWorkspace, cliTargets, repoRoot, runFerry } from './cli-targets.js';

const originalScript = 'test/fixtures/config/original-style.sql';
const brokenScript = 'test/fixtures/config/broken-rules.sql';

async function inWorkspace(create: () => Promise<CliWorkspace>, work: (ws: CliWorkspace) => Promise<void>) {
  const ws = await create();
  try {
    await work(ws);
  } finally {
    await ws.dispose();
  }
}

/** What `ferry migrate` prints on an empty config database: every migration, in order. */
const appliedOnEmpty = [
  '2026-11-21-001-original-schema',
  '2026-11-21-002-ferry-additions',
  '2026-11-21-003-pending-notifications',
  '2026-12-02-004-max-expansion-ratio',
  '2026-12-02-013-copy-options',
  '2026-12-07-005-held-notifications',
  '2026-12-07-006-contract-checks',
  '2026-12-07-007-control-totals',
  '2026-12-07-008-sequence-arrival',
  '2026-12-07-009-content-hash-resend',
]
  .map((name) => `applied ${name}\n`)
  .join('');

describe.each(cliTargets)('ferry migrate, sql, check and rules on $name', (target) => {
  it('migrates an empty database, then reports it up to date', async () => {
    await inWorkspace(target.create, async (ws) => {
      const first = await ws.run('migrate');
      expect(first).toEqual({
        code: 0,
        out: appliedOnEmpty,
        err: '',
      });
      expect(await ws.run('migrate')).toEqual({ code: 0, out: 'config database is up to date\n', err: '' });
      const tables = await ws.run(
        '--json',
        'sql',
        "select table_name from information_schema.tables where table_schema = 'rdscnfg' order by table_name",
      );
      expect(JSON.parse(tables.out)[0].rows.map((r: { table_name: string }) => r.table_name)).toEqual([
        'ext_file_audit',
        'ext_file_config',
        'ext_file_config_dtl',
        'ext_interface',
        'ferry_feed_sequence',
        'ferry_late_feed',
        'ferry_load_error',
        'ferry_notification',
        'ferry_outbox',
        'ferry_run',
      ]);
    });
  });

  it('runs an original-style config script verbatim and finds its rules valid', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      expect(await ws.run('sql', '-f', originalScript)).toEqual({
        code: 0,
        out: 'ok (38 statements)\n',
        err: '',
      });
      const database = await ws.open();
      try {
        const counts = await database.runScript(
          `select (select count(*) from rdscnfg.ext_interface) as interfaces,
                  (select count(*) from rdscnfg.ext_file_config) as rules,
                  (select count(*) from rdscnfg.ext_file_config_dtl) as columns`,
        );
        expect(counts[0]?.rows).toEqual([{ interfaces: 4, rules: 6, columns: 26 }]);
      } finally {
        await database.close();
      }
      expect((await ws.run('warehouse', 'apply', 'sql/redshift')).code).toBe(0);
      expect(await ws.run('check')).toEqual({ code: 0, out: '6 active rules, no problems\n', err: '' });
    });
  }, 240_000);

  it('lists each rule with a file name it matches', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      await ws.run('sql', '-f', originalScript);
      const table = await ws.run('rules');
      expect(table.code).toBe(0);
      expect(table.out.split('\n').slice(0, 4)).toEqual([
        'sid  interface           target                   match         format       example',
        '---  ------------------  -----------------------  ------------  -----------  --------------------------------',
        '4    527 NDC_X_PA_TYPE   rdsftetl.dc_x_pa_flavor  token 527     txt          NDC_X_PA_TYPE_20240101_527.txt',
        '5    558 HOSP_RPT        rdsftetl.hosp_rpt        token 558     gz           HOSP_RPT_20240101_558.gz',
      ]);
      const listed = JSON.parse((await ws.run('--json', 'rules')).out);
      expect(
        listed.map((r: { sid: string; target: string; example: string }) => [r.sid, r.target, r.example]),
      ).toEqual([
        ['4', 'rdsftetl.dc_x_pa_flavor', 'NDC_X_PA_TYPE_20240101_527.txt'],
        ['5', 'rdsftetl.hosp_rpt', 'HOSP_RPT_20240101_558.gz'],
        ['6', 'rdsftetl.acct_master', 'MAINFRAME_ACCT_20240101_600.dat'],
        ['7', '(split into H1, D1)', 'CLAIMS_MULTI_20240101_700.txt'],
        ['8', 'rdsftetl.claim_header', 'CLAIMS_MULTI_20240101_700-H1.txt'],
        ['9', 'rdsftetl.claim_detail', 'CLAIMS_MULTI_20240101_700-D1.txt'],
      ]);
    });
  });

  it('reports every config error with its sid and field and exits 1', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      await ws.run('sql', '-f', originalScript);
      expect((await ws.run('sql', '-f', brokenScript)).code).toBe(0);
      expect((await ws.run('warehouse', 'apply', 'sql/redshift')).code).toBe(0);
      const check = await ws.run('check');
      expect(check.code).toBe(1);
      expect(check.err).toBe('18 problems in the active rules\n');
      expect(check.out.trimEnd().split('\n')).toEqual([
        "rule 20 file_format: expected one of txt, csv, gz, bz2, lzo, fixed_width, json, parquet, found 'xlsx'",
        "rule 21 split_prefix: expected a comma-separated list of distinct record-type codes (e.g. 'H1,D1') when split_file_flag is 'Y', found null",
        "rule 22 split_prefix: expected a comma-separated list of distinct record-type codes (e.g. 'H1,D1') when split_file_flag is 'Y', found ''",
        "rule 23 trailer_pstn: expected 'S:E' with integers 1 <= S < E (e.g. '4:14') when trailer_flag is 'Y', found null",
        "rule 24 trailer_pstn: expected 'S:E' with integers 1 <= S < E (e.g. '4:14') when trailer_flag is 'Y', found '4-14'",
        'rule 25 column_width_fixed: expected a whole number >= 1 for every column of a fixed_width rule (detail 505), found null',
        'rule 26 ext_file_config_dtl: expected at least one active column for a rule that loads, found none',
        "rule 27 tgt_schema_name: expected an identifier [A-Za-z_][A-Za-z0-9_$]* of at most 127 bytes, found 'rdsftetl;drop'",
        "rule 28 tgt_table_name: expected an identifier [A-Za-z_][A-Za-z0-9_$]* of at most 127 bytes, found 'hosp rpt'",
        `rule 29 column_name: expected an identifier [A-Za-z_][A-Za-z0-9_$]* of at most 127 bytes (detail 509), found 'a"b'`,
        "rule 30 delimiter: expected a single character (or '\\t') for a csv rule, found ',,'",
        "rule 31 header_flag: expected 'Y' or 'N', found 'y'",
        "rule 32 output_parts: expected a whole number >= 1, found '0'",
        "rule 33 file_prefix: token '527' is also the token of rule 4: a file would match both",
        'rule 33 tgt_table_name: expected table rdsftetl.t33 in the warehouse, found no such table',
        "rule 34 split_prefix: record type 'Z9' has no active rule with file_prefix '934-Z9.' to load its part",
        'rule 35 column_name: expected data columns only, found file_name, which Ferry fills on every row itself',
        'rule 35 tgt_table_name: expected table rdsftetl.t35 in the warehouse, found no such table',
      ]);
      const json = await ws.run('--json', 'check');
      expect(json.code).toBe(1);
      const report = JSON.parse(json.out);
      expect(report.rules).toBe(9);
      expect(report.problems.map((p: { sid: number; field: string }) => `${p.sid} ${p.field}`)).toEqual([
        '20 file_format',
        '21 split_prefix',
        '22 split_prefix',
        '23 trailer_pstn',
        '24 trailer_pstn',
        '25 column_width_fixed',
        '26 ext_file_config_dtl',
        '27 tgt_schema_name',
        '28 tgt_table_name',
        '29 column_name',
        '30 delimiter',
        '31 header_flag',
        '32 output_parts',
        '33 file_prefix',
        '33 tgt_table_name',
        '34 split_prefix',
        '35 column_name',
        '35 tgt_table_name',
      ]);
    });
  }, 240_000);

  it('runs the sample config script and finds the five sample feeds valid', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      expect((await ws.run('sql', '-f', 'sql/config/sample-config.sql')).code).toBe(0);
      expect((await ws.run('warehouse', 'apply', 'sql/redshift')).code).toBe(0);
      expect(await ws.run('check')).toEqual({ code: 0, out: '6 active rules, no problems\n', err: '' });
      const rows = await ws.run(
        '--json',
        'sql',
        'select ext_file_config_sid as sid, csv_quote, trailer_pstn from rdscnfg.ext_file_config order by 1',
      );
      expect(JSON.parse(rows.out)[0].rows.slice(0, 2)).toEqual([
        { sid: 4, csv_quote: null, trailer_pstn: '4:14' },
        { sid: 5, csv_quote: '"', trailer_pstn: null },
      ]);
    });
  }, 240_000);

  it('finds in the warehouse a missing target table, a missing column and missing stamping columns', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      await ws.run('sql', '-f', 'sql/config/sample-config.sql');
      // Before the tables exist every target is missing; after, only the typos below are.
      const bare = await ws.run('--json', 'check');
      expect(bare.code).toBe(1);
      expect(JSON.parse(bare.out).problems).toContainEqual({
        sid: 4,
        field: 'tgt_table_name',
        message:
          'rule 4 tgt_table_name: expected table rdsftetl.dc_x_pa_flavor in the warehouse, found no such table',
      });
      expect((await ws.run('warehouse', 'apply', 'sql/redshift')).code).toBe(0);
      const nostamp = await ws.run(
        'sql',
        '--warehouse',
        'create table rdsftetl.no_stamps (flavor_id integer)',
      );
      expect(nostamp.code).toBe(0);
      const typos = await ws.run(
        'sql',
        `update rdscnfg.ext_file_config set tgt_table_name = 'dc_x_pa_flavr' where ext_file_config_sid = 4;
         update rdscnfg.ext_file_config_dtl set column_name = 'hospitl_name'
           where ext_file_config_sid = 5 and column_name = 'hospital_name';
         insert into rdscnfg.ext_interface (ext_interface_cid, interface_name) values (990, 'NO_STAMPS');
         insert into rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
           file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, split_file_flag, oprtnl_flag)
         values (990, 990, 'rdsftetl', 'no_stamps', '990.', 'txt', 'txt', '|', 'N', 'N', 'N', 'A');
         insert into rdscnfg.ext_file_config_dtl (ext_file_config_dtl_sid, ext_file_config_sid, column_name,
           column_order_sqnc) values (9901, 990, 'flavor_id', 1);`,
      );
      expect(typos.code).toBe(0);
      const check = await ws.run('check');
      expect(check.code).toBe(1);
      expect(check.out.trimEnd().split('\n')).toEqual([
        'rule 4 tgt_table_name: expected table rdsftetl.dc_x_pa_flavr in the warehouse, found no such table',
        'rule 5 ext_file_config_dtl: expected column hospitl_name in rdsftetl.hosp_rpt, found none ' +
          '(it has hospital_id, hospital_name, report_date, beds, admissions, file_name, target_transaction_timestamp)',
        "rule 990 tgt_table_name: expected rdsftetl.no_stamps to have Ferry's stamping column file_name, " +
          'target_transaction_timestamp (every loaded row gets its file name and load time), found none',
      ]);
    });
  }, 240_000);

  it('prints query rows as a table and counts statements of a script without rows', async () => {
    await inWorkspace(target.create, async (ws) => {
      await ws.run('migrate');
      expect(await ws.run('sql', "select 1 as n, 'a|b' as text, null as nothing")).toEqual({
        code: 0,
        out: 'n  text  nothing\n-  ----  -------\n1  a|b\n(1 row)\n',
        err: '',
      });
      expect(
        await ws.run(
          'sql',
          "insert into rdscnfg.ext_interface (ext_interface_cid, interface_name) values (1, 'x'); update rdscnfg.ext_interface set interface_desc = 'y'",
        ),
      ).toEqual({ code: 0, out: 'ok (2 statements)\n', err: '' });
    });
  });

  it('exits 1 with a hint to init or migrate when there is no workspace or schema, and with the database error for bad SQL', async () => {
    await inWorkspace(target.create, async (ws) => {
      const check = await ws.run('check');
      expect(check.code).toBe(1);
      // Embedded: nothing is created; a server database without Ferry's tables: the missing relation.
      expect(check.err).toMatch(
        ws.env.DATABASE_URL
          ? /^ferry: relation "rdscnfg\.ext_file_config" does not exist — the config database has no Ferry schema yet; run `ferry migrate`\n$/
          : /^ferry: expected a Ferry workspace at \S+, found none — run `ferry init` \(add --samples for the sample feeds\), or point --workspace, FERRY_WORKSPACE or DATABASE_URL at an existing one\n$/,
      );
      if (!ws.env.DATABASE_URL) expect(existsSync(configDatabaseDir(ws.dir))).toBe(false);
      expect((await ws.run('migrate')).code).toBe(0);
      const bad = await ws.run('sql', 'select from nowhere where');
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/^ferry: syntax error at end of input/);
    });
  });
});

describe('ferry command line', () => {
  it('exits 2 on an unknown command, an unknown option and a sql call without SQL', async () => {
    const env = { FERRY_WORKSPACE: join(tmpdir(), 'ferry-never-created') };
    const unknown = await runFerry(['bogus'], env);
    expect([unknown.code, unknown.err]).toEqual([
      2,
      "error: unknown command 'bogus'\n(run with --help for usage)\n",
    ]);
    expect((await runFerry(['check', '--nope'], env)).code).toBe(2);
    expect(await runFerry(['sql'], env)).toEqual({
      code: 2,
      out: '',
      err: 'ferry: expected a SQL statement or --file <path>, found neither\n(run with --help for usage)\n',
    });
    expect((await runFerry(['sql', 'select 1', '-f', 'x.sql'], env)).err).toContain(
      'give either a statement or --file',
    );
  });

  it('exits 1 naming the file when a SQL script cannot be read', async () => {
    const result = await runFerry(['sql', '-f', 'no/such/file.sql'], { FERRY_WORKSPACE: tmpdir() });
    expect(result.code).toBe(1);
    expect(result.err).toContain(`ferry: cannot read SQL file ${repoRoot}no/such/file.sql: ENOENT`);
  });

  it.each(['migrate', 'sql', 'check', 'rules'])(
    'shows help with an example for %s and exits 0',
    async (command) => {
      const help = await runFerry([command, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: ferry ${command}`);
      expect(help.out).toMatch(/Examples?:\n {2}\$ ferry /);
    },
  );

  it('lists the global options in the top-level help', async () => {
    const help = await runFerry(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.out).toContain('--workspace <dir>');
    expect(help.out).toContain('--json');
  });

  it('keeps the embedded database in FERRY_WORKSPACE when --workspace is not given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-env-'));
    try {
      expect((await runFerry(['migrate'], { FERRY_WORKSPACE: dir })).code).toBe(0);
      await access(join(configDatabaseDir(dir), 'PG_VERSION'));
      expect(await runFerry(['migrate'], { FERRY_WORKSPACE: dir })).toEqual({
        code: 0,
        out: 'config database is up to date\n',
        err: '',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as the bin/ferry.js executable and exits with the command exit code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-bin-'));
    const run = promisify(execFile);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    try {
      const migrate = await run(process.execPath, ['bin/ferry.js', '--workspace', dir, 'migrate'], {
        cwd: repoRoot,
        env,
      });
      expect(migrate.stdout).toBe(appliedOnEmpty);
      await expect(
        run(process.execPath, ['bin/ferry.js', 'bogus'], { cwd: repoRoot, env }),
      ).rejects.toMatchObject({
        code: 2,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
