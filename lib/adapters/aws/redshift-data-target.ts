// Which Redshift the Data API talks to, and how it authenticates: exactly one of three modes, checked up front.
import { TerminalError } from '../../core/errors.js';

export interface RedshiftDataSettings {
  database: string;
  clusterIdentifier?: string;
  dbUser?: string;
  secretArn?: string;
  workgroupName?: string;
}

export const redshiftAuthModes = ['cluster-db-user', 'secret-arn', 'workgroup'] as const;
export type RedshiftAuthMode = (typeof redshiftAuthModes)[number];

/** The request members every statement call carries (Data API spelling). */
export interface RedshiftDataTarget {
  mode: RedshiftAuthMode;
  members: {
    Database: string;
    ClusterIdentifier?: string;
    DbUser?: string;
    SecretArn?: string;
    WorkgroupName?: string;
  };
}

const expected =
  'expected one of: clusterIdentifier + dbUser (temporary credentials), secretArn with clusterIdentifier or workgroupName, or workgroupName alone (Redshift Serverless)';

/** Validates the settings and names what is missing or conflicting; never echoes the secret ARN itself. */
export function resolveRedshiftTarget(settings: RedshiftDataSettings): RedshiftDataTarget {
  const database = present(settings.database);
  const cluster = present(settings.clusterIdentifier);
  const dbUser = present(settings.dbUser);
  const secretArn = present(settings.secretArn);
  const workgroup = present(settings.workgroupName);
  if (!database) fail('database is missing');
  if (cluster && workgroup) fail('both clusterIdentifier and workgroupName are set');
  if (secretArn && dbUser) fail('both secretArn and dbUser are set');
  if (secretArn && !cluster && !workgroup)
    fail('secretArn is set but neither clusterIdentifier nor workgroupName');
  if (dbUser && !cluster) fail('dbUser is set but clusterIdentifier is missing');
  if (cluster && !dbUser && !secretArn) fail('clusterIdentifier is set but neither dbUser nor secretArn');
  if (!cluster && !workgroup) fail('none of clusterIdentifier, workgroupName is set');
  const mode: RedshiftAuthMode = secretArn ? 'secret-arn' : cluster ? 'cluster-db-user' : 'workgroup';
  return {
    mode,
    members: {
      Database: database,
      ...(cluster ? { ClusterIdentifier: cluster } : {}),
      ...(dbUser ? { DbUser: dbUser } : {}),
      ...(secretArn ? { SecretArn: secretArn } : {}),
      ...(workgroup ? { WorkgroupName: workgroup } : {}),
    },
  };
}

function present(value: string | undefined): string {
  return value?.trim() ?? '';
}

function fail(found: string): never {
  throw new TerminalError(`Redshift Data API settings: ${expected}; found ${found}`);
}
