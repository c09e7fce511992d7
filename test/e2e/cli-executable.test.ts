// `bin/ferry.js` as a user runs it (the bundled CLI): its messages for a first day's mistakes, one state vocabulary
// with the audit table, a repeated upload reported as skipped, and no log lines after a table unless asked.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerDatabase, serverUrl } from '../support/databases.js';

const projectDir = join(import.meta.dirname, '..', '..');
const accountFile = 'sql/samples/files/ACCT_20240101_600.dat';

interface Target {
  name: string;
  env(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}

const targets: Target[] = [
  { name: 'pglite', env: async () => ({ env: {}, drop: async () => {} }) },
  ...(serverUrl
    ? [
        {
          name: 'postgres',
          async env() {
            const config = await createServerDatabase(serverUrl as string);
            const warehouse = await createServerDatabase(serverUrl as string);
            return {
              env: { DATABASE_URL: config.url, WAREHOUSE_URL: warehouse.url },
              drop: async () => {
                await config.drop();
                await warehouse.drop();
              },
            };
          },
        },
      ]
    : []),
];

function ferry(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/ferry.js', ...args],
      { cwd: projectDir, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
      (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }),
    );
  });
}

describe.each(targets)('the ferry executable on $name', (target) => {
  let dir: string;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const run = (...args: string[]) => ferry(['--workspace', join(dir, 'ws'), ...args], env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-executable-'));
    ({ env, drop } = await target.env());
  });
  afterAll(async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers --help from the bundle, with --verbose among the options', async () => {
    const help = await run('--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('--verbose');
    expect(help.out).toContain('status');
    expect(existsSync(join(projectDir, 'dist', 'cli', 'ferry.js'))).toBe(true);
  });

  it('says to run ferry init when status runs before it, and creates nothing', async () => {
    const status = await run('status');
    expect(status.code).toBe(1);
    expect(status.out).toBe('');
    if (env.DATABASE_URL) {
      expect(status.err).toMatch(/no Ferry schema yet; run `ferry migrate`/);
    } else {
      expect(status.err).toBe(
        `ferry: expected a Ferry workspace at ${join(dir, 'ws')}, found none — run \`ferry init\` (add --samples for ` +
          'the sample feeds), or point --workspace, FERRY_WORKSPACE or DATABASE_URL at an existing one\n',
      );
      expect(existsSync(join(dir, 'ws'))).toBe(false);
    }
  });

  it('explains a second init --samples instead of failing on a duplicate key', async () => {
    const first = await run('init', '--samples');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('sample config rows inserted');
    const second = await run('init', '--samples');
    expect(second).toMatchObject({ code: 0, err: '' });
    expect(second.out).toContain(
      'sample config rows not inserted: their keys are already in the config database, from an earlier ' +
        '`init --samples` or rows of your own (duplicate key value violates unique constraint',
    );
    expect(second.out).not.toContain('sample config rows inserted');
    // Two inits each create and fill an embedded warehouse: minutes on a busy machine.
  }, 300_000);

  it('says FINISHED in put as in status, and reports identical bytes put again as skipped, without log lines', async () => {
    const put = await run('put', accountFile);
    expect(put).toMatchObject({ code: 0, err: '' });
    expect(put.out).toMatch(/^external_input\/ACCT_20240101_600\.dat\s+FINISHED\s+6\s+0\s+(\d+)\s*$/m);
    const audit = /FINISHED\s+6\s+0\s+(\d+)/.exec(put.out)![1]!;
    const status = await run('status');
    expect(status).toMatchObject({ code: 0, err: '' });
    expect(status.out).toMatch(
      new RegExp(`^${audit}\\s+ACCT_20240101_600\\.dat\\s+FINISHED\\s+Y\\s+6\\s`, 'm'),
    );

    const again = await run('put', accountFile);
    expect(again).toMatchObject({ code: 0, err: '' });
    const runId = (await run('sql', 'select run_id from rdscnfg.ferry_run')).out.split('\n')[2]!.trim();
    expect(again.out).toMatch(
      new RegExp(
        `^external_input/ACCT_20240101_600\\.dat\\s+SKIPPED\\s+${audit}\\s+already loaded \\(run ${runId}\\), skipped; ` +
          `\`ferry reprocess --force ${audit}\` loads it again$`,
        'm',
      ),
    );
    expect(again.out).not.toMatch(/FINISHED|\b6\b\s+0/);

    // --verbose shows the pipeline's own JSON lines on stderr, the skip among them.
    const verbose = await run('--verbose', 'put', accountFile);
    expect(verbose.code).toBe(0);
    const lines = verbose.err
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toContain(
      'identical content was already loaded; left in the input (ferry reprocess --force loads it again)',
    );
  }, 300_000);

  it('answers sql on the initialised workspace', async () => {
    expect(await run('sql', 'select 1 as one')).toEqual({ code: 0, out: 'one\n---\n1\n(1 row)\n', err: '' });
  });
});
