import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../../lib/core/settings/settings.js';

describe('readSettings', () => {
  it('gives local mode working defaults with no environment at all', () => {
    const settings = readSettings({}, 'local');
    expect(settings).toMatchObject({
      inputPrefix: 'external_input/',
      processingPrefix: 'processing/',
      archivePrefix: 'archive/',
      minSizeBytes: 1,
      maxExpansionRatio: 100,
      timezone: 'UTC',
      region: 'us-east-1',
      warehouse: { database: 'dev' },
    });
  });

  it("accepts the original framework's variable names", () => {
    const settings = readSettings(
      {
        secret_postgres: 'arn:aws:secretsmanager:us-east-1:1:secret:pg',
        secret_redshift: 'arn:aws:secretsmanager:us-east-1:1:secret:rs',
        sns_topic_arn: 'arn:aws:sns:us-east-1:1:ferry',
        iam_role: 'arn:aws:iam::1:role/copy',
        archive_folder: 'archive',
        processing_folder: 'processing',
        region: 'eu-west-1',
        custom_error_msg: 'Call the data team',
        threshold_file_size_bytes: '100',
        timezone: 'America/New_York',
        postgres_config_table: 'rdscnfg.ext_file_config',
        FERRY_REDSHIFT_DATABASE: 'dev',
        FERRY_REDSHIFT_CLUSTER: 'c1',
      },
      'aws',
    );
    expect(settings).toMatchObject({
      configDatabase: { secretId: 'arn:aws:secretsmanager:us-east-1:1:secret:pg' },
      warehouse: { secretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:rs', clusterIdentifier: 'c1' },
      topicArn: 'arn:aws:sns:us-east-1:1:ferry',
      archivePrefix: 'archive/',
      processingPrefix: 'processing/',
      region: 'eu-west-1',
      customErrorMessage: 'Call the data team',
      minSizeBytes: 100,
      timezone: 'America/New_York',
    });
  });

  it('names every missing or malformed variable at once in AWS mode', () => {
    expect(() =>
      readSettings(
        { FERRY_MIN_SIZE_BYTES: 'ten', FERRY_TIMEZONE: 'Mars/Base', postgres_config_table: 'x.y' },
        'aws',
      ),
    ).toThrow(
      [
        "Ferry's settings are incomplete:",
        "- FERRY_MIN_SIZE_BYTES or threshold_file_size_bytes should be a whole number of bytes, found 'ten'",
        "- FERRY_TIMEZONE or timezone: timezone should be an IANA name like 'UTC' or 'America/New_York', found 'Mars/Base'",
        "- postgres_config_table must be 'rdscnfg.ext_file_config' (Ferry's schema is fixed), found 'x.y'",
        '- the config database is not set: FERRY_CONFIG_DB_SECRET_ARN or secret_postgres (or DATABASE_URL), found nothing',
        '- FERRY_IAM_ROLE or iam_role is required in AWS mode, found nothing',
        '- FERRY_REGION or AWS_REGION or region is required in AWS mode, found nothing',
        '- FERRY_REDSHIFT_DATABASE is required in AWS mode, found nothing',
        '- the warehouse is not set: FERRY_REDSHIFT_CLUSTER or FERRY_REDSHIFT_WORKGROUP is required, found neither',
      ].join('\n'),
    );
  });

  it('reads FERRY_MAX_EXPANSION_RATIO, refusing anything but a whole number of at least 1', () => {
    expect(readSettings({ FERRY_MAX_EXPANSION_RATIO: '500' }, 'local').maxExpansionRatio).toBe(500);
    expect(() => readSettings({ FERRY_MAX_EXPANSION_RATIO: '0' }, 'local')).toThrow(
      "FERRY_MAX_EXPANSION_RATIO should be a whole number of at least 1, found '0'",
    );
  });

  it('reads the reconciler settings, 15 minutes and 50 runs by default, refusing anything but whole numbers', () => {
    expect(readSettings({}, 'local')).toMatchObject({ reconcileAfterMinutes: 15, reconcileMaxRuns: 50 });
    const set = readSettings({ FERRY_RECONCILE_AFTER_MINUTES: '30', FERRY_RECONCILE_MAX_RUNS: '5' }, 'local');
    expect([set.reconcileAfterMinutes, set.reconcileMaxRuns]).toEqual([30, 5]);
    expect(() =>
      readSettings({ FERRY_RECONCILE_AFTER_MINUTES: '0', FERRY_RECONCILE_MAX_RUNS: 'all' }, 'local'),
    ).toThrow(
      [
        "- FERRY_RECONCILE_AFTER_MINUTES should be a whole number of at least 1, found '0'",
        "- FERRY_RECONCILE_MAX_RUNS should be a whole number of at least 1, found 'all'",
      ].join('\n'),
    );
  });
});
