// Resolves the workspace directory and the config database a command works on, from options and environment.
import { isAbsolute, join, resolve } from 'node:path';
import { type ConfigDatabase, openDatabase } from '../db/open-database.js';
import { databaseUrlFromSecret } from '../settings/database-secret.js';
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
  readonly output: OutputWriter;
  readonly env: Environment;
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /**
   * `DATABASE_URL` set → that PostgreSQL server; else `FERRY_CONFIG_DB_SECRET_ARN` → RDS through its secret;
   * else PGlite persisted at `<workspace>/config-db`. The caller closes it.
   */
  openConfigDatabase(): Promise<ConfigDatabase>;
  /** Marks the run as failed (or usage error) without throwing; the most severe code set wins. */
  setExitCode(code: ExitCode): void;
  readonly exitCode: ExitCode;
}

export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
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
  return {
    get workspace() {
      return workspace();
    },
    get json() {
      return settings.globalOptions().json === true;
    },
    output: settings.output,
    env: settings.env,
    cwd: settings.cwd,
    async openConfigDatabase() {
      const url = settings.env.DATABASE_URL ?? (await urlFromSecret(settings.env));
      return url ? openDatabase({ url }) : openDatabase({ dataDir: configDatabaseDir(workspace()) });
    },
    setExitCode(code) {
      exitCode = moreSevere(exitCode, code);
    },
    get exitCode() {
      return exitCode;
    },
  };
}

/** RDS in AWS: the secret named by FERRY_CONFIG_DB_SECRET_ARN (the original's secret_postgres), read once. */
async function urlFromSecret(env: Environment): Promise<string | undefined> {
  const secretId = env.FERRY_CONFIG_DB_SECRET_ARN ?? env.secret_postgres;
  if (!secretId) return undefined;
  const [{ SecretsManagerClient }, { SecretsManagerSecrets }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('../adapters/aws/secrets-manager-secrets.js'),
  ]);
  const region = env.FERRY_REGION ?? env.AWS_REGION ?? env.region;
  const secrets = new SecretsManagerSecrets({ client: new SecretsManagerClient(region ? { region } : {}) });
  return databaseUrlFromSecret(await secrets.get(secretId), {
    sslmode: env.FERRY_CONFIG_DB_SSLMODE ?? 'require',
  });
}

/** Opens the config database for the length of `work` and always closes it. */
export async function withConfigDatabase<T>(
  context: CliContext,
  work: (database: ConfigDatabase) => Promise<T>,
): Promise<T> {
  const database = await context.openConfigDatabase();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
