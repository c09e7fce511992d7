// The Redshift Data API warehouse for CLI commands, built from the environment record the command was given.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import pino from 'pino';
import { RedshiftDataWarehouse } from '../adapters/aws/redshift-data-warehouse.js';
import { createLogger } from '../adapters/pino-logger.js';
import { ConfigError } from '../core/errors.js';
import { readSettings } from '../core/settings/settings.js';
import type { Warehouse } from '../ports/warehouse.js';
import type { Environment } from './workspace.js';

/**
 * Only the warehouse settings are needed (not the bucket or config database), so this works before anything else
 * is deployed. The SDK reads `AWS_ENDPOINT_URL_REDSHIFT_DATA` from the process environment by itself; it is read
 * here from the command's environment too, so `ferry warehouse apply --aws` can be pointed at `ferry serve`.
 */
export async function withAwsWarehouse<T>(env: Environment, work: (warehouse: Warehouse) => Promise<T>) {
  const settings = readSettings(env, 'local');
  if (!settings.warehouse.clusterIdentifier && !settings.warehouse.workgroupName) {
    throw new ConfigError(
      'the warehouse is not set: FERRY_REDSHIFT_CLUSTER or FERRY_REDSHIFT_WORKGROUP is required, found neither',
      { field: 'environment' },
    );
  }
  const endpoint = env.AWS_ENDPOINT_URL_REDSHIFT_DATA ?? env.AWS_ENDPOINT_URL;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  const client = new RedshiftDataClient({
    region: settings.region,
    ...(endpoint && { endpoint }),
    ...(accessKeyId &&
      secretAccessKey && {
        credentials: {
          accessKeyId,
          secretAccessKey,
          ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
        },
      }),
  });
  // Diagnostics go to stderr, so stdout carries only the command's results.
  const log = createLogger({
    level: env.LOG_LEVEL ?? 'warn',
    destination: pino.destination({ dest: 2, sync: true }),
  });
  try {
    return await work(new RedshiftDataWarehouse(client, settings.warehouse, log));
  } finally {
    client.destroy();
  }
}
