// Several `ferry` processes on one workspace at once: the embedded databases are locked, so no run or audit row is lost.
import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../lib/adapters/postgres/data-dir-lock.js';
import { type CliResult, type CliWorkspace, cliTargets, repoRoot } from '../integration/cli/cli-targets.js';

const processes = 4;

/** `bin/ferry.js --workspace <dir> <args…>` as its own process, the way a user starts it in a terminal. */
function ferryProcess(
  ws: CliWorkspace,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/ferry.js', '--workspace', ws.dir, ...args],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...ws.env, ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

/** A valid interface-527 file of three records whose ids name the file. */
async function flavorFile(dir: string, n: number): Promise<string> {
  const ids = [1, 2, 3].map((line) => n * 1000 + line);
  const lines = ids.map((id) => `${id}|F${id}|Flavor ${id}|Batch|2024-03-01|1.25|Y`);
  const path = join(dir, `PROD_20240301_${String(n).padStart(9, '0')}_PA_FLAVOR_527.txt`);
  await writeFile(path, `${lines.join('\n')}\nTRL${String(ids.length).padStart(10, '0')}\n`);
  return path;
}

async function withWorkspace(create: () => Promise<CliWorkspace>, work: (ws: CliWorkspace) => Promise<void>) {
  const ws = await create();
  try {
    expect((await ws.run('init', '--samples')).code).toBe(0);
    await mkdir(join(ws.dir, 'incoming'));
    await work(ws);
  } finally {
    await ws.dispose();
  }
}

async function runsAndAudits(ws: CliWorkspace) {
  const database = await ws.open();
  try {
    const [runs, audits] = await database.runScript(
      `select object_key, state from rdscnfg.ferry_run order by object_key;
       select count(distinct file_name)::int as files from rdscnfg.ext_file_audit;`,
    );
    return { runs: runs?.rows ?? [], auditedFiles: audits?.rows[0]?.files };
  } finally {
    await database.close();
  }
}

async function namesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe.each(cliTargets)('ferry commands started at the same time on one workspace on $name', (target) => {
  it(`loads every file when ${processes} \`ferry put\` processes start at once: each waits its turn, none loses a record`, async () => {
    await withWorkspace(target.create, async (ws) => {
      const paths = await Promise.all(
        Array.from({ length: processes }, (_, n) => flavorFile(join(ws.dir, 'incoming'), n + 1)),
      );
      // Waiting long enough for the others on a busy machine: the point is that none loses a record.
      const results = await Promise.all(
        paths.map((path) => ferryProcess(ws, ['put', path], { FERRY_LOCK_WAIT_SECONDS: '1200' })),
      );

      for (const result of results) {
        expect(result).toEqual({
          code: 0,
          out: expect.stringContaining('TRANSFORMED'),
          err: expect.stringMatching(
            /^(ferry: the workspace is in use by pid \d+ .*waiting up to 1200 s for it to finish\n)?$/,
          ),
        });
      }
      const { runs, auditedFiles } = await runsAndAudits(ws);
      expect(runs).toEqual(
        paths.map((path) => ({
          object_key: `external_input/${path.split('/').at(-1)}`,
          state: 'TRANSFORMED',
        })),
      );
      expect(auditedFiles).toBe(processes);
      expect(await namesUnder(join(ws.dir, 'bucket', 'external_input'))).toEqual([]);
    });
  }, 1_200_000);

  it('refuses a command once the wait runs out, naming the process that holds the workspace, and leaves the file alone', async () => {
    await withWorkspace(target.create, async (ws) => {
      const path = await flavorFile(join(ws.dir, 'incoming'), 7);
      // This test process plays the first terminal: it holds the stand-in's database, which every `put` opens.
      const held = await lockDataDir(join(ws.dir, 'warehouse-db'));
      let refused: CliResult;
      try {
        refused = await ferryProcess(ws, ['put', path], { FERRY_LOCK_WAIT_SECONDS: '1' });
      } finally {
        await held.release();
      }
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(
        `ferry: the workspace is in use by pid ${process.pid} on ${hostname()} (\`ferry`,
      );
      expect(refused.err).toContain(
        `ferry: expected the embedded database ${join(ws.dir, 'warehouse-db')} to be free, found it in use by pid ${process.pid}`,
      );
      expect(await namesUnder(join(ws.dir, 'bucket', 'external_input'))).toEqual([]);
      expect((await runsAndAudits(ws)).runs).toEqual([]);

      const again = await ferryProcess(ws, ['put', path], { FERRY_LOCK_WAIT_SECONDS: '1' });
      expect([again.code, again.err]).toEqual([0, '']);
    });
  }, 300_000);

  it('takes over a lock left by a process that no longer runs', async () => {
    await withWorkspace(target.create, async (ws) => {
      const deadPid = await new Promise<number>((resolve) => {
        const child = execFile(process.execPath, ['-e', '0'], () => resolve(child.pid ?? 0));
      });
      await writeFile(
        join(ws.dir, 'warehouse-db.lock'),
        JSON.stringify({
          pid: deadPid,
          host: hostname(),
          command: 'ferry put x',
          since: '2026-01-01T00:00:00Z',
        }),
      );
      const path = await flavorFile(join(ws.dir, 'incoming'), 8);
      const put = await ferryProcess(ws, ['put', path], { FERRY_LOCK_WAIT_SECONDS: '0' });
      expect([put.code, put.err]).toEqual([0, '']);
      expect(await namesUnder(ws.dir)).not.toContain('warehouse-db.lock');
    });
  }, 300_000);
});
