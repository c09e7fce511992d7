// `ferry warehouse apply --aws` through the real Data API client, pointed at the `ferry serve` endpoint.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryWarehouse } from '../../lib/cli/warehouse/query-warehouse.js';
import { runFerry } from '../integration/cli/cli-targets.js';
import { endpointTargets } from '../support/redshift-data-endpoint.js';

describe.each(endpointTargets)('ferry warehouse apply --aws on $name', (target) => {
  it('runs each SQL file through the Data API endpoint named by AWS_ENDPOINT_URL_REDSHIFT_DATA', async () => {
    const endpoint = await target.open({});
    const dir = await mkdtemp(join(tmpdir(), 'ferry-apply-aws-'));
    try {
      await writeFile(
        join(dir, '001.sql'),
        'create schema if not exists remote;\ncreate table remote.t (id integer encode az64) diststyle even;\n',
      );
      await writeFile(join(dir, '002.sql'), 'insert into remote.t values (7);\n');
      const env = {
        AWS_ENDPOINT_URL_REDSHIFT_DATA: endpoint.server.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
        AWS_SECRET_ACCESS_KEY: 'local-secret',
        FERRY_REDSHIFT_CLUSTER: 'local',
        FERRY_REDSHIFT_DB_USER: 'ferry',
        FERRY_REDSHIFT_DATABASE: 'dev',
      };
      const applied = await runFerry(['--json', 'warehouse', 'apply', '--aws', dir], env);
      expect(applied.code).toBe(0);
      expect(JSON.parse(applied.out).map((a: { statements: number }) => a.statements)).toEqual([2, 1]);
      const rows = await queryWarehouse(endpoint.standIn, 'select id from remote.t', { pollMs: 10 });
      expect(rows.rows).toEqual([[7]]);

      const unset = await runFerry(['warehouse', 'apply', '--aws', dir], { AWS_REGION: 'us-east-1' });
      expect(unset.code).toBe(1);
      expect(unset.err).toContain(
        'FERRY_REDSHIFT_CLUSTER or FERRY_REDSHIFT_WORKGROUP is required, found neither',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      await endpoint.close();
    }
  });
});
