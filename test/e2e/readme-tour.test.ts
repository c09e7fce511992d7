import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/run-cli.js';

const projectDir = join(import.meta.dirname, '..', '..');

/** The `npx ferry …` lines of the README's CLI tour, as argument lists. */
async function tourCommands(): Promise<string[][]> {
  const readme = await readFile(join(projectDir, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A tour of the CLI'));
  const start = tour.indexOf('```sh\n') + '```sh\n'.length;
  const block = tour.slice(start, tour.indexOf('\n```', start));
  return block
    .split('\n')
    .filter((line) => line.startsWith('npx ferry '))
    .map((line) => splitArguments(line.replace(/\s+#.*$/, '').slice('npx ferry '.length)));
}

function splitArguments(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe("the README's CLI tour", () => {
  it('runs every command in a fresh workspace with exit code 0 and the output the comments promise', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'ferry-tour-'));
    const { DATABASE_URL: _db, WAREHOUSE_URL: _wh, ...env } = process.env;
    try {
      const commands = await tourCommands();
      expect(commands.map((args) => args[0])).toEqual([
        'init',
        'rules',
        'check',
        'explain',
        'put',
        'status',
        'sql',
        'sql',
        'warehouse',
      ]);
      const outputs: string[] = [];
      for (const args of commands) {
        const lines: string[] = [];
        const output = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
        const code = await runCli(['--workspace', workspace, ...args], { env, cwd: projectDir, output });
        const text = lines.join('\n');
        expect({ args, code, text }).toMatchObject({ args, code: 0 });
        outputs.push(text);
      }
      const [init, rules, check, explain, put, status, sql, warehouseSql] = outputs;
      expect(init).toContain('workspace ready');
      expect(rules).toContain('NDC_X_PA_TYPE_20240101_527.txt');
      expect(check).toContain('no problems');
      expect(explain).toContain('COPY');
      expect(put).toMatch(/external_input\/PROD_20151015_150510973_PA_FLAVOR_527\.txt\s+TRANSFORMED/);
      expect(status).toMatch(/PROD_20151015_150510973_PA_FLAVOR_527\.txt\s+TRANSFORMED\s+Y\s+6/);
      expect(sql).toContain('Ferry TRANSFORMED (succeeded): PROD_20151015_150510973_PA_FLAVOR_527.txt');
      expect(warehouseSql).toMatch(/PROD_20151015_150510973_PA_FLAVOR_527\.txt\s+6/);
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  }, 240_000);
});
