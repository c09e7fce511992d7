// The three ways RedshiftDataWarehouse may authenticate, and the messages for every other combination.
import { describe, expect, it } from 'vitest';
import {
  type RedshiftDataSettings,
  resolveRedshiftTarget,
} from '../../../../lib/adapters/aws/redshift-data-target.js';
import { RedshiftDataWarehouse } from '../../../../lib/adapters/aws/redshift-data-warehouse.js';
import { TerminalError } from '../../../../lib/core/errors.js';

const secretArn = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ferry-redshift-AbCdEf';

describe('resolveRedshiftTarget', () => {
  it('accepts a provisioned cluster with a database user (temporary credentials)', () => {
    const target = resolveRedshiftTarget({ database: 'dev', clusterIdentifier: 'etl', dbUser: 'ferry' });

    expect(target).toEqual({
      mode: 'cluster-db-user',
      members: { Database: 'dev', ClusterIdentifier: 'etl', DbUser: 'ferry' },
    });
  });

  it('accepts a Secrets Manager secret with a cluster or with a workgroup', () => {
    const cluster = resolveRedshiftTarget({ database: 'dev', clusterIdentifier: 'etl', secretArn });
    const workgroup = resolveRedshiftTarget({ database: 'dev', workgroupName: 'wg', secretArn });

    expect(cluster).toEqual({
      mode: 'secret-arn',
      members: { Database: 'dev', ClusterIdentifier: 'etl', SecretArn: secretArn },
    });
    expect(workgroup).toEqual({
      mode: 'secret-arn',
      members: { Database: 'dev', WorkgroupName: 'wg', SecretArn: secretArn },
    });
  });

  it('accepts a Redshift Serverless workgroup alone', () => {
    const target = resolveRedshiftTarget({ database: 'dev', workgroupName: 'wg' });

    expect(target).toEqual({ mode: 'workgroup', members: { Database: 'dev', WorkgroupName: 'wg' } });
  });

  it.each<[string, RedshiftDataSettings, string]>([
    ['no database', { database: ' ', workgroupName: 'wg' }, 'found database is missing'],
    ['no target at all', { database: 'dev' }, 'found none of clusterIdentifier, workgroupName is set'],
    [
      'a cluster without a user or secret',
      { database: 'dev', clusterIdentifier: 'etl' },
      'found clusterIdentifier is set but neither dbUser nor secretArn',
    ],
    [
      'a user without a cluster',
      { database: 'dev', dbUser: 'ferry', workgroupName: 'wg' },
      'found dbUser is set but clusterIdentifier is missing',
    ],
    [
      'a cluster and a workgroup',
      { database: 'dev', clusterIdentifier: 'etl', dbUser: 'u', workgroupName: 'wg' },
      'found both clusterIdentifier and workgroupName are set',
    ],
    [
      'a secret and a user',
      { database: 'dev', clusterIdentifier: 'etl', dbUser: 'u', secretArn },
      'found both secretArn and dbUser are set',
    ],
    [
      'a secret without a target',
      { database: 'dev', secretArn },
      'found secretArn is set but neither clusterIdentifier nor workgroupName',
    ],
  ])('refuses %s and says what it found', (_case, settings, found) => {
    const attempt = () => resolveRedshiftTarget(settings);

    expect(attempt).toThrow(TerminalError);
    expect(attempt).toThrow(
      `expected one of: clusterIdentifier + dbUser (temporary credentials), secretArn with clusterIdentifier or workgroupName, or workgroupName alone (Redshift Serverless); ${found}`,
    );
  });

  it('never puts the secret ARN into its message', () => {
    const attempt = () => resolveRedshiftTarget({ database: 'dev', secretArn });

    expect(attempt).toThrow(/secretArn is set/);
    expect(attempt).not.toThrow(/111122223333/);
  });

  it('is checked when the warehouse is built, before any call is made', () => {
    const calls: unknown[] = [];
    const client = { send: async (command: unknown) => calls.push(command) };

    const build = () =>
      new RedshiftDataWarehouse(client as never, { database: 'dev', clusterIdentifier: 'etl' });

    expect(build).toThrow(/neither dbUser nor secretArn/);
    expect(calls).toEqual([]);
  });
});
