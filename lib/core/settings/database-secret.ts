// Turns an RDS-style secret ({username, password, host, port, dbname, engine}) into a postgres connection URL.
import { ConfigError } from '../errors.js';

export interface DatabaseSecret {
  username: string;
  password: string;
  host: string;
  port: number;
  dbname: string;
}

export interface DatabaseUrlOptions {
  /** Added as `?sslmode=…` (RDS with `rds.force_ssl` needs `require` or stronger). */
  sslmode?: string;
  /** Used when the secret has no `dbname` (RDS secrets often omit it). */
  defaultDatabase?: string;
  /** Connect here instead of the secret's host: an RDS Proxy endpoint, which takes the same user and password. */
  host?: string;
}

const DEFAULT_PORT = 5432;

/** Never echoes the secret's text: a JSON parse error can quote the input, so it is not kept as the cause. */
export function parseDatabaseSecret(secretString: string, options: DatabaseUrlOptions = {}): DatabaseSecret {
  let value: unknown;
  try {
    value = JSON.parse(secretString);
  } catch {
    throw new ConfigError('expected the database secret to be a JSON object, found text that is not JSON', {
      field: 'secret',
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`expected the database secret to be a JSON object, found ${kindOf(value)}`, {
      field: 'secret',
    });
  }
  const fields = value as Record<string, unknown>;
  const engine = fields.engine;
  if (engine !== undefined && !(typeof engine === 'string' && engine.includes('postgres'))) {
    throw new ConfigError(`expected the database secret's engine to be postgres, found ${describe(engine)}`, {
      field: 'engine',
    });
  }
  return {
    username: requiredText(fields, 'username'),
    password: requiredText(fields, 'password', { secret: true }),
    host: requiredText(fields, 'host'),
    port: portOf(fields.port),
    dbname:
      fields.dbname === undefined ? (options.defaultDatabase ?? 'postgres') : requiredText(fields, 'dbname'),
  };
}

export function databaseUrlFromSecret(secretString: string, options: DatabaseUrlOptions = {}): string {
  const secret = parseDatabaseSecret(secretString, options);
  const hostName = options.host ?? secret.host;
  const host = hostName.includes(':') ? `[${hostName}]` : hostName;
  const user = `${encodeURIComponent(secret.username)}:${encodeURIComponent(secret.password)}`;
  const query = options.sslmode === undefined ? '' : `?sslmode=${encodeURIComponent(options.sslmode)}`;
  return `postgres://${user}@${host}:${secret.port}/${encodeURIComponent(secret.dbname)}${query}`;
}

function requiredText(fields: Record<string, unknown>, name: string, how: { secret?: boolean } = {}): string {
  const value = fields[name];
  if (typeof value === 'string' && value !== '') return value;
  const found = value === undefined ? 'none' : how.secret === true ? kindOf(value) : describe(value);
  throw new ConfigError(`expected the database secret to have a non-empty string "${name}", found ${found}`, {
    field: name,
  });
}

function portOf(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) return port;
  throw new ConfigError(
    `expected the database secret's "port" to be a TCP port number, found ${describe(value)}`,
    {
      field: 'port',
    },
  );
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : kindOf(value);
}
