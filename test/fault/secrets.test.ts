// Secrets never reach a log line or a notification: both functions run with passwords in their settings, good and bad.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvSecrets } from '../../lib/adapters/local/env-secrets.js';
import { createLogger } from '../../lib/adapters/pino-logger.js';
import { openDatabase } from '../../lib/adapters/postgres/open-database.js';
import { applySqlDirectory, redshiftSqlDir, sampleConfigFile } from '../../lib/cli/local-runtime.js';
import { errorMessage } from '../../lib/core/errors.js';
import { buildS3Event } from '../../lib/core/events/s3-event.js';
import { databaseUrlFromSecret } from '../../lib/core/settings/database-secret.js';
import { openLocalRuntime } from '../../lib/wiring/local-runtime.js';
import { makeHandler as makeStatusHandler } from '../../lib/wiring/log-status-handler.js';
import { makeHandler as makeProcessHandler } from '../../lib/wiring/process-file-handler.js';
import { createServerDatabase, serverUrl } from '../support/databases.js';
import { noServerNote } from '../support/server-only.js';
import { flavorFile, flavorFileName } from './fault-files.js';

const PASSWORD = 'Pw-7f3a9c-SECRET';
const WAREHOUSE_PASSWORD = 'Wh-51be2d-SECRET';
const SECRET_VALUE = 'Sv-c0ffee-SECRET';
const CONFIG_SECRET = 'Cf-d1e2f3-SECRET';
const secrets = [PASSWORD, WAREHOUSE_PASSWORD, SECRET_VALUE, CONFIG_SECRET];

function withPassword(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}

function leaks(text: string): string[] {
  return secrets.filter((secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
}

// Trust authentication accepts any password, so a URL can carry one and still connect; a refused connection needs no
// server at all, so that test runs everywhere.
describe('secrets in settings', () => {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  let workspace: string;
  const drops: Array<() => Promise<void>> = [];
  let configUrl: string;
  let warehouseUrl: string;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-secrets-'));
    if (!serverUrl) return;
    const config = await createServerDatabase(serverUrl as string);
    const warehouse = await createServerDatabase(serverUrl as string);
    drops.push(config.drop, warehouse.drop);
    // The config database URL comes from a secret value, the way AWS mode builds it from Secrets Manager.
    const secretStore = new EnvSecrets({
      secret_postgres: JSON.stringify({
        username: 'postgres',
        password: PASSWORD,
        host: '127.0.0.1',
        port: 5432,
        dbname: new URL(config.url).pathname.slice(1),
      }),
      secret_other: SECRET_VALUE,
    });
    configUrl = databaseUrlFromSecret(await secretStore.get('secret_postgres'));
    warehouseUrl = withPassword(warehouse.url, 'postgres', WAREHOUSE_PASSWORD);
    expect(await secretStore.get('secret_other')).toBe(SECRET_VALUE);
  });
  afterAll(async () => {
    for (const drop of drops) await drop();
    await rm(workspace, { recursive: true, force: true });
  });

  it('writes no secret in any log line or notification while both functions load a file and fail one on postgres', async ({
    skip,
  }) => {
    skip(!serverUrl, noServerNote);
    const runtime = await openLocalRuntime({
      workspace,
      log,
      env: {
        DATABASE_URL: configUrl,
        WAREHOUSE_URL: warehouseUrl,
        LOG_LEVEL: 'debug',
        // Settings that name secrets: never printed, even though Ferry only passes them on.
        FERRY_REDSHIFT_SECRET_ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${CONFIG_SECRET}`,
        secret_other: SECRET_VALUE,
      },
    });
    await applySqlDirectory(runtime, redshiftSqlDir);
    await runtime.config.runScript(await readFile(sampleConfigFile, 'utf8'));
    try {
      const good = flavorFileName('SECGOOD');
      const bad = flavorFileName('SECBAD');
      const goodInfo = await runtime.store.put(`external_input/${good}`, flavorFile('SECG'));
      const badInfo = await runtime.store.put(`external_input/${bad}`, flavorFile('SECB', 3, 1));
      await runtime.idle();
      // And once more by hand: duplicates log too.
      await runtime.deliver(
        buildS3Event({
          bucket: runtime.store.bucket,
          key: goodInfo.key,
          size: goodInfo.size,
          etag: goodInfo.etag,
        }),
      );
      await runtime.deliver(
        buildS3Event({
          bucket: runtime.store.bucket,
          key: badInfo.key,
          size: badInfo.size,
          etag: badInfo.etag,
        }),
      );
      await runtime.idle();

      const outbox = await runtime.config.db.selectFrom('rdscnfg.ferry_outbox').selectAll().execute();
      const statuses = outbox.map(
        (row) => JSON.parse(JSON.stringify(row.attributes)).status?.StringValue ?? row.subject,
      );
      expect(outbox.length).toBeGreaterThanOrEqual(4);
      expect(statuses.join(' ')).toMatch(/FAILED/);
      expect(statuses.join(' ')).toMatch(/TRANSFORMED/);
      const audits = await runtime.config.db.selectFrom('rdscnfg.ext_file_audit').selectAll().execute();
      expect(lines.length).toBeGreaterThan(20);
      expect(leaks(lines.join('\n'))).toEqual([]);
      expect(leaks(JSON.stringify(outbox))).toEqual([]);
      expect(leaks(JSON.stringify(audits))).toEqual([]);
    } finally {
      await runtime.close();
    }
  });

  it('keeps the password out of the errors and log lines when the config database refuses the connection', async () => {
    const refusing = [
      withPassword(`postgres://127.0.0.1:1/${'x'}`, 'postgres', PASSWORD),
      ...(serverUrl ? [withPassword(serverUrl, 'no_such_role', PASSWORD)] : []),
    ];
    const errors: string[] = [];
    for (const url of refusing) {
      const database = await openDatabase({ url });
      const deps = async () => {
        await database.db.selectFrom('rdscnfg.ext_file_config').select('ext_file_config_sid').execute();
        throw new Error('expected the connection to fail');
      };
      const processFile = makeProcessHandler(deps as never);
      const recordStatus = makeStatusHandler(deps as never);
      for (const attempt of [
        () => processFile(buildS3Event({ bucket: 'b', key: 'external_input/x_527.txt', size: 1, etag: 'e' })),
        () => recordStatus({}),
      ]) {
        try {
          await attempt();
        } catch (error) {
          errors.push(errorMessage(error), String((error as Error).stack));
          log.error({ err: error }, 'invocation failed');
        }
      }
      await database.close();
    }
    expect(errors.length).toBe(4 * refusing.length);
    expect(errors.join('\n')).toMatch(/ECONNREFUSED/);
    expect(leaks(errors.join('\n'))).toEqual([]);
    expect(leaks(lines.join('\n'))).toEqual([]);
  });
});
