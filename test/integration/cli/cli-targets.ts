// Runs `ferry` in-process against a fresh workspace: embedded PGlite, and a throwaway PostgreSQL database when TEST_DATABASE_URL is set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigDatabase } from '../../../lib/adapters/postgres/config-database.js';
import { openDatabase } from '../../../lib/adapters/postgres/open-database.js';
import { runCli } from '../../../lib/cli/run-cli.js';
import { configDatabaseDir } from '../../../lib/cli/workspace.js';
import { createServerDatabase, serverUrl } from '../../support/databases.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliWorkspace {
  dir: string;
  env: Record<string, string>;
  /** `ferry --workspace <dir> <args…>` with this target's environment. */
  run(...args: string[]): Promise<CliResult>;
  /** The same config database the CLI uses, for assertions; close it before the next `run` (PGlite locks its directory). */
  open(): Promise<ConfigDatabase>;
  dispose(): Promise<void>;
}

export interface CliTarget {
  name: string;
  create(): Promise<CliWorkspace>;
}

export const repoRoot = new URL('../../../', import.meta.url).pathname;

export async function runFerry(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    env,
    cwd: repoRoot,
    output: {
      out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
      err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
    },
  });
  return { code, out, err };
}

async function workspace(env: Record<string, string>, drop: () => Promise<void>): Promise<CliWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-cli-'));
  return {
    dir,
    env,
    run: (...args) => runFerry(['--workspace', dir, ...args], env),
    open: () =>
      env.DATABASE_URL
        ? openDatabase({ url: env.DATABASE_URL })
        : openDatabase({ dataDir: configDatabaseDir(dir) }),
    async dispose() {
      await drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const cliTargets: CliTarget[] = [
  { name: 'pglite', create: () => workspace({}, async () => {}) },
  ...(serverUrl ? [serverTarget(serverUrl)] : []),
];

function serverTarget(url: string): CliTarget {
  return {
    name: 'postgres',
    async create() {
      const server = await createServerDatabase(url);
      return workspace({ DATABASE_URL: server.url }, server.drop);
    },
  };
}

/**
 * Like `cliTargets`, but the server target also runs the Redshift stand-in on a server database (`WAREHOUSE_URL`),
 * so warehouse commands are tested on PGlite and on PostgreSQL.
 */
export const warehouseCliTargets: CliTarget[] = [
  cliTargets[0]!,
  ...(serverUrl ? [serverWarehouseTarget(serverUrl)] : []),
];

function serverWarehouseTarget(url: string): CliTarget {
  return {
    name: 'postgres',
    async create() {
      const config = await createServerDatabase(url);
      const warehouse = await createServerDatabase(url);
      return workspace({ DATABASE_URL: config.url, WAREHOUSE_URL: warehouse.url }, async () => {
        await config.drop();
        await warehouse.drop();
      });
    },
  };
}
