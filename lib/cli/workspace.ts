// Resolves the workspace directory and the config database a command works on, from options and environment.
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import { defaultLockWaitMs, describeHolder, type LockOptions } from '../adapters/postgres/data-dir-lock.js';
import { openDatabase } from '../adapters/postgres/open-database.js';
import { FerryError } from '../core/errors.js';
import { configUrlFromSecret } from '../wiring/config-secret.js';
import { type ExitCode, moreSevere } from './exit-codes.js';
import type { OutputWriter } from './output.js';

export const defaultWorkspace = './.ferry';

export type Environment = Readonly<Record<string, string | undefined>>;

/** What every command receives. Global options are read when a command runs, after parsing. */
export interface CliContext {
  /** Absolute workspace directory (`--workspace`, else `FERRY_WORKSPACE`, else `./.ferry`). */
  readonly workspace: string;
  /** `--json`: print machine-readable results. */
  readonly json: boolean;
  /** `--verbose`: print the pipeline's log lines too. */
  readonly verbose: boolean;
  readonly output: OutputWriter;
  readonly env: Environment;
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /**
   * `DATABASE_URL` set → that PostgreSQL server; else `FERRY_CONFIG_DB_SECRET_ARN` → RDS through its secret;
   * else PGlite persisted at `<workspace>/config-db`, which only `create` makes when missing. The caller closes it.
   */
  openConfigDatabase(options?: OpenOptions): Promise<ConfigDatabase>;
  /** Embedded databases: wait up to FERRY_LOCK_WAIT_SECONDS (default 60) for another process, saying so once. */
  readonly lock: LockOptions;
  /** Marks the run as failed (or usage error) without throwing; the most severe code set wins. */
  setExitCode(code: ExitCode): void;
  readonly exitCode: ExitCode;
}

export interface OpenOptions {
  /** Create the embedded database when the workspace has none (`ferry migrate`); other commands say to init. */
  create?: boolean;
}

export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  verbose?: boolean;
}

export interface ContextSettings {
  env: Environment;
  cwd: string;
  output: OutputWriter;
  /** Read lazily: commander fills the options only once it parses the command line. */
  globalOptions(): GlobalOptions;
}

export function resolveWorkspace(option: string | undefined, env: Environment, cwd: string): string {
  const chosen = option || env.FERRY_WORKSPACE || defaultWorkspace;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** Where the embedded config database lives inside a workspace. */
export function configDatabaseDir(workspace: string): string {
  return join(workspace, 'config-db');
}

export function createCliContext(settings: ContextSettings): CliContext {
  let exitCode: ExitCode = 0;
  const workspace = () => resolveWorkspace(settings.globalOptions().workspace, settings.env, settings.cwd);
  const lock = lockOptions(settings.env, settings.output);
  return {
    get workspace() {
      return workspace();
    },
    get json() {
      return settings.globalOptions().json === true;
    },
    get verbose() {
      return settings.globalOptions().verbose === true;
    },
    output: settings.output,
    env: settings.env,
    cwd: settings.cwd,
    lock,
    async openConfigDatabase(options = {}) {
      const url = settings.env.DATABASE_URL ?? (await configUrlFromSecret(settings.env));
      if (url) return openDatabase({ url });
      const dataDir = configDatabaseDir(workspace());
      // PG_VERSION is the first file initdb writes: without it, opening would create an empty database.
      if (!options.create && !existsSync(join(dataDir, 'PG_VERSION'))) {
        throw new FerryError(
          `expected a Ferry workspace at ${workspace()}, found none — run \`ferry init\` (add --samples for the ` +
            'sample feeds), or point --workspace, FERRY_WORKSPACE or DATABASE_URL at an existing one',
        );
      }
      return openDatabase({ dataDir, lock });
    },
    setExitCode(code) {
      exitCode = moreSevere(exitCode, code);
    },
    get exitCode() {
      return exitCode;
    },
  };
}

/** Two terminals on one workspace: the second command waits for the first rather than corrupting its database. */
function lockOptions(env: Environment, output: OutputWriter): LockOptions {
  const seconds = env.FERRY_LOCK_WAIT_SECONDS;
  const waitMs = seconds !== undefined && /^\d+$/.test(seconds) ? Number(seconds) * 1000 : defaultLockWaitMs;
  return {
    waitMs,
    onWait: (holder) =>
      output.err(
        `ferry: the workspace is in use by ${describeHolder(holder)}; waiting up to ${waitMs / 1000} s for it to finish`,
      ),
  };
}

/** Opens the config database for the length of `work` and always closes it. */
export async function withConfigDatabase<T>(
  context: CliContext,
  work: (database: ConfigDatabase) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const database = await context.openConfigDatabase(options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
