// AWS mode: the handlers' dependencies built from settings and SDK clients, once per Lambda container.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { EventBridgeNotifier } from '../adapters/aws/eventbridge-notifier.js';
import { RedshiftDataWarehouse } from '../adapters/aws/redshift-data-warehouse.js';
import { S3ObjectStore } from '../adapters/aws/s3-object-store.js';
import { SecretsManagerSecrets } from '../adapters/aws/secrets-manager-secrets.js';
import { SnsNotifier } from '../adapters/aws/sns-notifier.js';
import { FanOutNotifier } from '../adapters/fan-out-notifier.js';
import { createLogger } from '../adapters/pino-logger.js';
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import { openDatabase } from '../adapters/postgres/open-database.js';
import { ConfigError } from '../core/errors.js';
import { databaseUrlFromSecret } from '../core/settings/database-secret.js';
import type { Settings } from '../core/settings/settings.js';
import type { Notifier } from '../ports/notifier.js';
import type { StatusDependencies } from '../use-cases/log-status/status-dependencies.js';
import type { ProcessDependencies } from '../use-cases/process-file/process-dependencies.js';

export type AwsDependencies = ProcessDependencies & StatusDependencies & { config: ConfigDatabase };

/** A Lambda container serves one invocation at a time, so a couple of connections is plenty. */
const CONNECTIONS_PER_CONTAINER = 2;

export async function buildAwsDependencies(settings: Settings): Promise<AwsDependencies> {
  if (!settings.bucket) {
    throw new ConfigError('FERRY_BUCKET is required in AWS mode, found nothing', { field: 'FERRY_BUCKET' });
  }
  const region = settings.region;
  const log = createLogger({ level: settings.logLevel });
  const secrets = new SecretsManagerSecrets({ client: new SecretsManagerClient({ region }) });
  const url =
    settings.configDatabase.url ??
    databaseUrlFromSecret(await secrets.get(settings.configDatabase.secretId as string), {
      sslmode: 'require',
    });
  const config = await openDatabase({ url, maxConnections: CONNECTIONS_PER_CONTAINER });
  const notifiers: Notifier[] = [];
  if (settings.topicArn) notifiers.push(new SnsNotifier(new SNSClient({ region }), settings.topicArn));
  if (settings.eventBusName) {
    notifiers.push(new EventBridgeNotifier(new EventBridgeClient({ region }), settings.eventBusName));
  }
  return {
    config,
    db: config.db,
    store: new S3ObjectStore({ client: new S3Client({ region }), bucket: settings.bucket }),
    warehouse: new RedshiftDataWarehouse(new RedshiftDataClient({ region }), settings.warehouse, log),
    notifier: new FanOutNotifier(notifiers),
    log,
    now: () => new Date(),
    settings,
  };
}
