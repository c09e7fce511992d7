// Opens local mode for a command (workspace bucket, stand-in, outbox) and always closes it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LocalRuntime, type LocalRuntimeOptions, openLocalRuntime } from '../wiring/local-runtime.js';
import { refuseAwsSettings } from './aws-settings-guard.js';
import { cliLogger } from './cli-log.js';
import { applySqlScripts } from './warehouse/apply-sql.js';
import type { CliContext } from './workspace.js';

/** Ferry's own SQL and samples, found next to the code whether run from a clone or an installed package. */
export const projectDir = fileURLToPath(new URL('../../', import.meta.url));
export const redshiftSqlDir = join(projectDir, 'sql', 'redshift');
export const sampleConfigFile = join(projectDir, 'sql', 'config', 'sample-config.sql');
export const sampleFilesDir = join(projectDir, 'sql', 'samples', 'files');
/** A feed with a contract (control total, sequence): its config rows and its files, put one after another. */
export const sampleContractsFile = join(projectDir, 'sql', 'config', 'sample-contracts.sql');
export const sampleContractFilesDir = join(projectDir, 'sql', 'samples', 'contract-files');

export async function withLocalRuntime<T>(
  context: CliContext,
  work: (runtime: LocalRuntime) => Promise<T>,
  options: {
    pipeline?: boolean;
    workspace?: string;
    env?: CliContext['env'];
    onProgress?: LocalRuntimeOptions['onProgress'];
  } = {},
): Promise<T> {
  const env = options.env ?? context.env;
  const workspace = options.workspace ?? context.workspace;
  refuseAwsSettings(env, workspace);
  const runtime = await openLocalRuntime({
    workspace,
    env,
    log: cliLogger({ env, verbose: context.verbose, output: context.output }),
    pipeline: options.pipeline ?? true,
    lock: context.lock,
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Applies every `.sql` file of a directory, in name order, to the warehouse. */
export async function applySqlDirectory(runtime: LocalRuntime, dir: string) {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const scripts = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
  );
  return applySqlScripts(runtime.warehouse, scripts, { pollMs: 10 });
}
