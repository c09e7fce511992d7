// The Redshift Data API warehouse alone (no bucket, no config database), for CLI commands run with --aws.
import pino from 'pino';
import { RedshiftDataWarehouse } from '../adapters/aws/redshift-data-warehouse.js';
import { createLogger } from '../adapters/pino-logger.js';
import { ConfigError } from '../core/errors.js';
import { type Environment, readSettings } from '../core/settings/settings.js';
import type { Warehouse } from '../ports/warehouse.js';
import { awsClients } from './aws-clients.js';

export interface AwsWarehouse {
  readonly warehouse: Warehouse;
  close(): void;
}

/**
 * Only the warehouse settings are needed, so this works before anything else is deployed. The SDK reads
 * `AWS_ENDPOINT_URL_REDSHIFT_DATA` from the process environment by itself; it is read here from the command's
 * environment too, so `ferry warehouse apply --aws` can be pointed at `ferry serve`.
 */
export function openAwsWarehouse(env: Environment): AwsWarehouse {
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
  // Diagnostics go to stderr, so stdout carries only the command's results.
  const log = createLogger({
    level: env.LOG_LEVEL ?? 'warn',
    destination: pino.destination({ dest: 2, sync: true }),
  });
  const client = awsClients.redshiftData({
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
  return {
    warehouse: new RedshiftDataWarehouse(client, settings.warehouse, log),
    close: () => client.destroy(),
  };
}
