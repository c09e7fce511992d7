// AWS mode's parts: Secrets Manager, the config database (RDS), S3, the Redshift Data API, SNS and EventBridge.
import { EventBridgeNotifier } from '../adapters/aws/eventbridge-notifier.js';
import { RedshiftDataWarehouse } from '../adapters/aws/redshift-data-warehouse.js';
import { S3ObjectStore } from '../adapters/aws/s3-object-store.js';
import { SecretsManagerSecrets } from '../adapters/aws/secrets-manager-secrets.js';
import { SnsNotifier } from '../adapters/aws/sns-notifier.js';
import { FanOutNotifier } from '../adapters/fan-out-notifier.js';
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import { openDatabase } from '../adapters/postgres/open-database.js';
import { ConfigError } from '../core/errors.js';
import { databaseUrlFromSecret } from '../core/settings/database-secret.js';
import type { Settings, WarehouseSettings } from '../core/settings/settings.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { Secrets } from '../ports/secrets.js';
import { type AwsClientOptions, awsClients } from './aws-clients.js';

/** A Lambda container serves one invocation at a time, so a couple of connections is plenty. */
const CONNECTIONS_PER_CONTAINER = 2;

export const secretsManager = (options: AwsClientOptions): Secrets =>
  new SecretsManagerSecrets({ client: awsClients.secretsManager(options) });

/** The config database: DATABASE_URL when set, else the URL built from the secret (TLS required). */
export async function openAwsConfig(settings: Settings, secrets: Secrets): Promise<ConfigDatabase> {
  const url =
    settings.configDatabase.url ??
    databaseUrlFromSecret(await secrets.get(settings.configDatabase.secretId as string), {
      sslmode: 'require',
      ...(settings.configDatabase.host === undefined ? {} : { host: settings.configDatabase.host }),
    });
  return openDatabase({ url, maxConnections: CONNECTIONS_PER_CONTAINER });
}

export function s3Store(settings: Settings) {
  if (!settings.bucket) {
    throw new ConfigError('FERRY_BUCKET is required in AWS mode, found nothing', { field: 'FERRY_BUCKET' });
  }
  return new S3ObjectStore({ client: awsClients.s3({ region: settings.region }), bucket: settings.bucket });
}

export const dataApiWarehouse = (warehouse: WarehouseSettings, options: AwsClientOptions, log: Logger) =>
  new RedshiftDataWarehouse(awsClients.redshiftData(options), warehouse, log);

/** SNS and EventBridge, each when its setting names a destination. */
export function awsNotifier(settings: Settings): Notifier {
  const region = settings.region;
  const notifiers: Notifier[] = [];
  if (settings.topicArn) notifiers.push(new SnsNotifier(awsClients.sns({ region }), settings.topicArn));
  if (settings.eventBusName) {
    notifiers.push(new EventBridgeNotifier(awsClients.eventBridge({ region }), settings.eventBusName));
  }
  return new FanOutNotifier(notifiers);
}
