// Ferry's settings, read once per container from an environment record; the original's variable names still work.
import { ConfigError } from '../errors.js';
import { defaultMaxExpansionRatio } from '../ingest/expansion-limit.js';
import { checkTimezone } from '../time/wall-clock.js';

export interface WarehouseSettings {
  database: string;
  clusterIdentifier?: string;
  dbUser?: string;
  secretArn?: string;
  workgroupName?: string;
}

export interface Settings {
  /** The bucket the CLI works on in AWS mode; Lambda takes it from each event. */
  bucket?: string;
  inputPrefix: string;
  processingPrefix: string;
  archivePrefix: string;
  /** The original's threshold_file_size_bytes; a rule's min_size_bytes wins. */
  minSizeBytes: number;
  /** Decompressed bytes allowed per compressed byte; a rule's max_expansion_ratio wins. */
  maxExpansionRatio: number;
  iamRole: string;
  region: string;
  /** Audit times and archive suffixes are written in this IANA zone. */
  timezone: string;
  customErrorMessage?: string;
  /** `host` replaces the secret's host: an RDS Proxy endpoint in front of the same database and credentials. */
  configDatabase: { url?: string; secretId?: string; host?: string };
  warehouse: WarehouseSettings;
  topicArn?: string;
  eventBusName?: string;
  logLevel: string;
  /** CloudWatch namespace of Ferry's metrics (default `Ferry`; the stack sets one per stage). */
  metricsNamespace: string;
  /**
   * Milliseconds kept free before the Lambda timeout: a preparation still running then stops and releases its run
   * for a retry, leaving time to undo its work and log why (default 30 000).
   */
  timeoutMarginMs: number;
  /** The reconciler finishes a run whose statement event has not come after this many minutes. */
  reconcileAfterMinutes: number;
  /** At most this many runs per reconciler pass (the rest wait for the next pass). */
  reconcileMaxRuns: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;
export type Mode = 'aws' | 'local';

/** Each setting: Ferry's variable first, then the original framework's name for it. */
const names = {
  bucket: ['FERRY_BUCKET'],
  inputPrefix: ['FERRY_INPUT_PREFIX'],
  processingPrefix: ['FERRY_PROCESSING_PREFIX', 'processing_folder'],
  archivePrefix: ['FERRY_ARCHIVE_PREFIX', 'archive_folder'],
  minSizeBytes: ['FERRY_MIN_SIZE_BYTES', 'threshold_file_size_bytes'],
  maxExpansionRatio: ['FERRY_MAX_EXPANSION_RATIO'],
  iamRole: ['FERRY_IAM_ROLE', 'iam_role'],
  region: ['FERRY_REGION', 'AWS_REGION', 'region'],
  timezone: ['FERRY_TIMEZONE', 'timezone'],
  customErrorMessage: ['FERRY_CUSTOM_ERROR_MESSAGE', 'custom_error_msg'],
  databaseUrl: ['DATABASE_URL'],
  databaseSecret: ['FERRY_CONFIG_DB_SECRET_ARN', 'secret_postgres'],
  databaseHost: ['FERRY_CONFIG_DB_HOST'],
  warehouseDatabase: ['FERRY_REDSHIFT_DATABASE'],
  cluster: ['FERRY_REDSHIFT_CLUSTER'],
  dbUser: ['FERRY_REDSHIFT_DB_USER'],
  warehouseSecret: ['FERRY_REDSHIFT_SECRET_ARN', 'secret_redshift'],
  workgroup: ['FERRY_REDSHIFT_WORKGROUP'],
  topicArn: ['FERRY_TOPIC_ARN', 'sns_topic_arn'],
  eventBusName: ['FERRY_EVENT_BUS'],
  logLevel: ['LOG_LEVEL'],
  metricsNamespace: ['FERRY_METRICS_NAMESPACE', 'POWERTOOLS_METRICS_NAMESPACE'],
  timeoutMarginMs: ['FERRY_TIMEOUT_MARGIN_MS'],
  reconcileAfterMinutes: ['FERRY_RECONCILE_AFTER_MINUTES'],
  reconcileMaxRuns: ['FERRY_RECONCILE_MAX_RUNS'],
} as const;

/** Defaults of the reconciler's settings: a load's event is minutes late at worst; a pass stays well inside 5 minutes. */
export const reconcileDefaults = { afterMinutes: 15, maxRuns: 50 } as const;

// The original let these name other tables; Ferry's schema is fixed, so only the original defaults are accepted.
const fixedTables = {
  postgres_config_table: 'rdscnfg.ext_file_config',
  postgres_config_audit_table: 'rdscnfg.ext_file_audit',
} as const;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Local mode has working defaults for everything; AWS mode names every missing or malformed variable at once. */
export function readSettings(env: Environment, mode: Mode): Settings {
  const problems: string[] = [];
  const read = (key: keyof typeof names): string | undefined => {
    for (const name of names[key]) {
      const value = env[name]?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const required = (key: keyof typeof names, localDefault: string): string => {
    const value = read(key);
    if (value) return value;
    if (mode === 'local') return localDefault;
    problems.push(`${names[key].join(' or ')} is required in AWS mode, found nothing`);
    return '';
  };

  const minSize = read('minSizeBytes') ?? '1';
  if (!/^\d+$/.test(minSize))
    problems.push(`${names.minSizeBytes.join(' or ')} should be a whole number of bytes, found '${minSize}'`);
  const expansion = read('maxExpansionRatio') ?? String(defaultMaxExpansionRatio);
  if (!/^[1-9]\d*$/.test(expansion))
    problems.push(`FERRY_MAX_EXPANSION_RATIO should be a whole number of at least 1, found '${expansion}'`);
  const timezone = read('timezone') ?? 'UTC';
  try {
    checkTimezone(timezone);
  } catch (error) {
    problems.push(`${names.timezone.join(' or ')}: ${(error as Error).message}`);
  }
  const wholeNumber = (key: 'reconcileAfterMinutes' | 'reconcileMaxRuns', fallback: number): number => {
    const value = read(key) ?? String(fallback);
    if (/^[1-9]\d*$/.test(value)) return Number(value);
    problems.push(`${names[key].join(' or ')} should be a whole number of at least 1, found '${value}'`);
    return fallback;
  };
  const reconcileAfterMinutes = wholeNumber('reconcileAfterMinutes', reconcileDefaults.afterMinutes);
  const reconcileMaxRuns = wholeNumber('reconcileMaxRuns', reconcileDefaults.maxRuns);
  const logLevel = read('logLevel') ?? 'info';
  if (!logLevels.includes(logLevel))
    problems.push(`LOG_LEVEL should be one of ${logLevels.join(', ')}, found '${logLevel}'`);
  const timeoutMargin = read('timeoutMarginMs') ?? '30000';
  if (!/^\d+$/.test(timeoutMargin))
    problems.push(
      `FERRY_TIMEOUT_MARGIN_MS should be a whole number of milliseconds, found '${timeoutMargin}'`,
    );
  for (const [name, fixed] of Object.entries(fixedTables)) {
    const value = env[name]?.trim();
    if (value && value.toLowerCase() !== fixed)
      problems.push(`${name} must be '${fixed}' (Ferry's schema is fixed), found '${value}'`);
  }

  const databaseUrl = read('databaseUrl');
  const databaseSecret = read('databaseSecret');
  if (mode === 'aws' && !databaseUrl && !databaseSecret) {
    problems.push(
      `the config database is not set: ${names.databaseSecret.join(' or ')} (or DATABASE_URL), found nothing`,
    );
  }

  const settings: Settings = {
    inputPrefix: folder(read('inputPrefix') ?? 'external_input/'),
    processingPrefix: folder(read('processingPrefix') ?? 'processing/'),
    archivePrefix: folder(read('archivePrefix') ?? 'archive/'),
    minSizeBytes: Number(minSize),
    maxExpansionRatio: Number(expansion),
    iamRole: required('iamRole', 'arn:aws:iam::000000000000:role/ferry-local'),
    region: required('region', 'us-east-1'),
    timezone,
    configDatabase: {
      ...optional('url', databaseUrl),
      ...optional('secretId', databaseSecret),
      ...optional('host', read('databaseHost')),
    },
    warehouse: {
      database: required('warehouseDatabase', 'dev'),
      ...optional('clusterIdentifier', read('cluster')),
      ...optional('dbUser', read('dbUser')),
      ...optional('secretArn', read('warehouseSecret')),
      ...optional('workgroupName', read('workgroup')),
    },
    logLevel,
    metricsNamespace: read('metricsNamespace') ?? 'Ferry',
    timeoutMarginMs: Number(timeoutMargin),
    reconcileAfterMinutes,
    reconcileMaxRuns,
    ...optional('bucket', read('bucket')),
    ...optional('customErrorMessage', read('customErrorMessage')),
    ...optional('topicArn', read('topicArn')),
    ...optional('eventBusName', read('eventBusName')),
  };
  if (mode === 'aws' && !settings.warehouse.clusterIdentifier && !settings.warehouse.workgroupName) {
    problems.push(
      'the warehouse is not set: FERRY_REDSHIFT_CLUSTER or FERRY_REDSHIFT_WORKGROUP is required, found neither',
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(`Ferry's settings are incomplete:\n- ${problems.join('\n- ')}`, {
      field: 'environment',
    });
  }
  return settings;
}

function folder(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
