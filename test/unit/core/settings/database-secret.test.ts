import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import { databaseUrlFromSecret, parseDatabaseSecret } from '../../../../lib/core/settings/database-secret.js';

const password = 'p@ss:w/rd%?#&=+ "é';
const secret = {
  username: 'ferry admin',
  password,
  engine: 'postgres',
  host: 'ferry.cluster-abc.us-east-1.rds.amazonaws.com',
  port: 5432,
  dbname: 'config db',
  dbInstanceIdentifier: 'ferry',
};

describe('database secret', () => {
  it('turns the RDS secret shape into a postgres URL with user, password and database percent-encoded', () => {
    const url = databaseUrlFromSecret(JSON.stringify(secret));

    expect(url).toBe(
      `postgres://ferry%20admin:${encodeURIComponent(password)}@ferry.cluster-abc.us-east-1.rds.amazonaws.com:5432/config%20db`,
    );
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe(password);
    expect(decodeURIComponent(parsed.username)).toBe('ferry admin');
  });

  it("connects to an RDS Proxy endpoint instead of the secret's host, with the secret's user, password, port and database", () => {
    const proxy = 'ferry-config.proxy-abc.us-east-1.rds.amazonaws.com';

    const url = new URL(databaseUrlFromSecret(JSON.stringify(secret), { host: proxy, sslmode: 'require' }));

    expect([url.hostname, url.port, url.pathname, url.search]).toEqual([
      proxy,
      '5432',
      '/config%20db',
      '?sslmode=require',
    ]);
    expect(decodeURIComponent(url.password)).toBe(password);
  });

  it('accepts a port given as text, defaults the database, brackets IPv6 hosts and adds sslmode', () => {
    const url = databaseUrlFromSecret(
      JSON.stringify({ username: 'u', password: 'p', host: '::1', port: '6543' }),
      {
        sslmode: 'require',
        defaultDatabase: 'ferry',
      },
    );

    expect(url).toBe('postgres://u:p@[::1]:6543/ferry?sslmode=require');
  });

  it('names the missing field', () => {
    const { username: _, ...withoutUser } = secret;
    expect(() => parseDatabaseSecret(JSON.stringify(withoutUser))).toThrow(
      'expected the database secret to have a non-empty string "username", found none',
    );
    const failure = (() => {
      try {
        parseDatabaseSecret(JSON.stringify({ ...secret, host: '' }));
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).field).toBe('host');
  });

  it('never echoes the password, even when it is malformed or the JSON is broken', () => {
    const wrongType = () => parseDatabaseSecret(JSON.stringify({ ...secret, password: 12345678 }));
    expect(wrongType).toThrow('"password", found a number');
    const broken = `{"username":"u","password":"${password}"`;
    const failure = (() => {
      try {
        parseDatabaseSecret(broken);
      } catch (error) {
        return error as Error;
      }
    })();
    expect(failure?.message).toBe(
      'expected the database secret to be a JSON object, found text that is not JSON',
    );
    expect(failure?.cause).toBeUndefined();
    expect(JSON.stringify(failure)).not.toContain('p@ss');
  });

  it('rejects another engine and a bad port', () => {
    expect(() => parseDatabaseSecret(JSON.stringify({ ...secret, engine: 'mysql' }))).toThrow(
      `expected the database secret's engine to be postgres, found "mysql"`,
    );
    expect(() => parseDatabaseSecret(JSON.stringify({ ...secret, port: 70000 }))).toThrow(
      `expected the database secret's "port" to be a TCP port number, found a number`,
    );
    expect(() => parseDatabaseSecret('[]')).toThrow(
      'expected the database secret to be a JSON object, found an array',
    );
  });
});
