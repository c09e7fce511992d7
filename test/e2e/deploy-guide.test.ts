// Every `ferry` command of docs/deploy.md, read from the guide itself, run in --aws mode against the local Data API
// endpoint (the Redshift stand-in on PGlite and PostgreSQL), an S3-protocol server and a PostgreSQL config database.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../lib/adapters/postgres/open-database.js';
import { runCli } from '../../lib/cli/run-cli.js';
import { queryWarehouse } from '../../lib/cli/warehouse/query-warehouse.js';
import type { CliResult } from '../integration/cli/cli-targets.js';
import { createServerDatabase, serverUrl } from '../support/databases.js';
import { endpointTargets } from '../support/redshift-data-endpoint.js';
import { startS3Server } from '../support/s3-server.js';
import { fencedBlocks, type GuideCommand, guideCommands, readGuide } from './deploy-guide-commands.js';

const guide = readGuide();
const commands = guideCommands(guide);
const ferryCommands = commands.filter((c) => c.ferry !== undefined);

describe('the deploy guide', () => {
  it('gives --aws to every ferry command that takes AWS settings and has a local mode', () => {
    const localModes = ['warehouse', 'check', 'backfill', 'reprocess', 'put', 'watch'];
    const missing = ferryCommands.filter(
      (c) => localModes.includes(c.ferry![0]!) && !c.ferry!.includes('--aws'),
    );
    expect(missing.map((c) => c.text)).toEqual([]);
    expect(ferryCommands.map((c) => c.ferry![0])).toEqual([
      'migrate',
      'warehouse',
      'sql',
      'check',
      'backfill',
      'status',
      'reprocess',
    ]);
  });

  it('reprocesses by audit id, not by object key, and applies no sample SQL', () => {
    const reprocess = ferryCommands.find((c) => c.ferry![0] === 'reprocess')!;
    expect(reprocess.ferry).toEqual(['reprocess', '--aws', '<audit-id>']);
    expect(ferryCommands.filter((c) => c.text.includes('sql/redshift'))).toEqual([]);
  });

  it('refuses the guide’s AWS settings without --aws instead of working on a local workspace', async () => {
    const apply = ferryCommands.find((c) => c.ferry![0] === 'warehouse')!;
    const cwd = await mkdtemp(join(tmpdir(), 'ferry-guide-'));
    try {
      let err = '';
      const code = await runCli(['--workspace', cwd, 'warehouse', 'apply', 'sql/redshift'], {
        env: apply.env,
        output: { out: () => {}, err: (text) => (err += text) },
      });
      expect(code).toBe(2);
      expect(err).toContain(
        'found AWS settings in the environment (FERRY_REDSHIFT_DATABASE, FERRY_REDSHIFT_CLUSTER, FERRY_REDSHIFT_DB_USER) but no --aws',
      );
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('leaves only AWS CLI, osls and npm commands to run outside Ferry', () => {
    const others = commands
      .filter((c) => c.ferry === undefined)
      .map((c) => c.text.split(' ').slice(0, 2).join(' '));
    expect(new Set(others)).toEqual(
      new Set([
        'aws secretsmanager',
        'aws iam',
        'aws redshift',
        'npx osls',
        'aws rds',
        'aws s3api',
        'aws sns',
        'npm run',
      ]),
    );
  });
});

/** The guide's settings, pointed at the local servers: the config secret becomes the database URL it would hold. */
function localEnv(command: GuideCommand, local: Record<string, string>): Record<string, string> {
  const { FERRY_CONFIG_DB_SECRET_ARN: secret, ...rest } = command.env;
  return { ...rest, ...local, ...(secret === undefined ? {} : { DATABASE_URL: local.CONFIG_URL! }) };
}

// AWS mode opens its config database by URL, so it needs a PostgreSQL server; the warehouse runs on both.
describe.each(serverUrl ? endpointTargets : [])('the deploy guide in --aws mode on $name', (target) => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('runs each ferry command of the guide, in order, to the outcome the guide promises', async () => {
    const endpoint = await target.open({});
    const config = await createServerDatabase(serverUrl!);
    const bucket = commands.find((c) => c.env.FERRY_BUCKET)!.env.FERRY_BUCKET!;
    const s3 = await startS3Server(bucket);
    const cwd = await mkdtemp(join(tmpdir(), 'ferry-guide-'));
    try {
      // The machine's AWS configuration (what ~/.aws would hold): the SDK clients of AWS mode read it from the
      // process environment.
      const machine = {
        AWS_ENDPOINT_URL_REDSHIFT_DATA: endpoint.server.url,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
        AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      };
      for (const [name, value] of Object.entries(machine)) vi.stubEnv(name, value);
      const local = { ...machine, CONFIG_URL: config.url, FERRY_CONFIG_DB_SSLMODE: 'disable' };
      // The files the guide tells the user to write, taken from its own SQL blocks.
      const sql = fencedBlocks(guide, 'sql');
      await mkdir(join(cwd, 'tables'));
      await writeFile(join(cwd, 'tables', 'sales.sql'), sql.find((b) => b.includes('create table'))!);
      await writeFile(join(cwd, 'my-feeds.sql'), sql.find((b) => b.includes('rdscnfg.ext_interface'))!);
      // A file that arrived before the deployment, empty: it fails before any COPY, so it can be reprocessed.
      await s3.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'external_input/ORDERS_20260101_910.txt', Body: '' }),
      );

      const run = async (command: GuideCommand, args = command.ferry!): Promise<CliResult> => {
        let out = '';
        let err = '';
        const code = await runCli(args, {
          env: localEnv(command, local),
          cwd,
          output: { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) },
        });
        return { code, out, err };
      };
      const outcomes: Array<{ command: string; code: number }> = [];
      for (const command of ferryCommands) {
        let args = command.ferry!;
        if (args.includes('<audit-id>')) {
          const audit = await failedAuditId(config.url);
          args = args.map((arg) => (arg === '<audit-id>' ? String(audit) : arg));
        }
        const result = await run(command, args);
        outcomes.push({ command: args.join(' '), code: result.code });
        expect(result.code, `${command.text}\n${result.err}`).toBe(0);
        if (args[0] === 'check') expect(result.out).toBe('1 active rules, no problems\n');
        if (args[0] === 'backfill') {
          expect(result.out).toContain('external_input/ORDERS_20260101_910.txt');
          // The deployed trigger would now process it; here the same function runs in-process (not a guide step).
          const processed = await run(command, ['backfill', '--aws']);
          expect(processed.code).toBe(1);
        }
        if (args[0] === 'status') expect(result.out).toContain('ORDERS_20260101_910.txt');
        if (args[0] === 'reprocess')
          expect(result.out).toMatch(/copied archive\/error\/.* to external_input\//);
      }
      expect(outcomes.map((o) => o.command.split(' ')[0])).toEqual([
        'migrate',
        'warehouse',
        'sql',
        'check',
        'backfill',
        'status',
        'reprocess',
      ]);
      const tables = await queryWarehouse(
        endpoint.standIn,
        "select column_name from information_schema.columns where table_schema = 'sales' and table_name = 'orders' order by ordinal_position",
        { pollMs: 10 },
      );
      expect(tables.rows.flat()).toContain('target_transaction_timestamp');
    } finally {
      await rm(cwd, { recursive: true, force: true });
      await s3.stop();
      await config.drop();
      await endpoint.close();
    }
  }, 300_000);
});

async function failedAuditId(url: string): Promise<number> {
  const database = await openDatabase({ url });
  try {
    const row = await database.db
      .selectFrom('rdscnfg.ext_file_audit')
      .select('ext_file_audit_sid')
      .where('file_process_status', '=', 'FAILED')
      .executeTakeFirstOrThrow();
    return row.ext_file_audit_sid;
  } finally {
    await database.close();
  }
}
