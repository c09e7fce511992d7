// Local commands refuse AWS settings: a deploy step run without --aws must not "succeed" on the local stand-in.
import { UsageError } from './usage-error.js';
import type { Environment } from './workspace.js';

/**
 * Variables that only name AWS resources (Ferry's names and the original framework's). Local mode ignores them,
 * so a command given them but not `--aws` would quietly work on the workspace instead; it stops and says so.
 * `DATABASE_URL`, `WAREHOUSE_URL` and the prefixes are local settings too, so they are not here.
 */
export const awsOnlyVariables = [
  'FERRY_BUCKET',
  'FERRY_CONFIG_DB_SECRET_ARN',
  'secret_postgres',
  'FERRY_REDSHIFT_DATABASE',
  'FERRY_REDSHIFT_CLUSTER',
  'FERRY_REDSHIFT_DB_USER',
  'FERRY_REDSHIFT_SECRET_ARN',
  'secret_redshift',
  'FERRY_REDSHIFT_WORKGROUP',
] as const;

export function refuseAwsSettings(env: Environment, workspace: string): void {
  const found = awsOnlyVariables.filter((name) => env[name] !== undefined && env[name] !== '');
  if (found.length === 0) return;
  throw new UsageError(
    `found AWS settings in the environment (${found.join(', ')}) but no --aws: without it this command works ` +
      `on the local workspace ${workspace}, not in AWS. Add --aws (warehouse apply, check, backfill, reprocess) ` +
      'to run it against AWS, or unset them to work locally',
  );
}
