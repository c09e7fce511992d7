// The config database's URL in AWS (RDS): read from the secret FERRY_CONFIG_DB_SECRET_ARN names, for CLI commands.
import { databaseUrlFromSecret } from '../core/settings/database-secret.js';
import type { Environment } from '../core/settings/settings.js';

/** The original's `secret_postgres` works too; no secret named → undefined (the workspace's own database). */
export async function configUrlFromSecret(env: Environment): Promise<string | undefined> {
  const secretId = env.FERRY_CONFIG_DB_SECRET_ARN ?? env.secret_postgres;
  if (!secretId) return undefined;
  const region = env.FERRY_REGION ?? env.AWS_REGION ?? env.region;
  // Loaded only when a secret is named: every other command starts without the AWS SDK.
  const { secretsManager } = await import('./aws-parts.js');
  const secrets = secretsManager(region ? { region } : {});
  const host = env.FERRY_CONFIG_DB_HOST?.trim();
  return databaseUrlFromSecret(await secrets.get(secretId), {
    sslmode: env.FERRY_CONFIG_DB_SSLMODE ?? 'require',
    ...(host ? { host } : {}),
  });
}
