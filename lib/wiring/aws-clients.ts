// Every AWS SDK client Ferry uses is made here, so no other layer constructs one (and none is made at import time).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';

/** What a client is told beyond the SDK's own defaults (environment, shared config). */
export interface AwsClientOptions {
  region?: string;
  /** An endpoint other than AWS's (e.g. `ferry serve`'s Data API). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export const awsClients = {
  s3: (options: AwsClientOptions) => new S3Client(options),
  secretsManager: (options: AwsClientOptions) => new SecretsManagerClient(options),
  redshiftData: (options: AwsClientOptions) => new RedshiftDataClient(options),
  sns: (options: AwsClientOptions) => new SNSClient(options),
  eventBridge: (options: AwsClientOptions) => new EventBridgeClient(options),
};
