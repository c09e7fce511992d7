// A burst of uploads through the local runtime stays within the bounds that protect the config database and the
// warehouse: at most `maxConcurrency` process-file invocations (the SQS event source's MaximumConcurrency in AWS),
// at most `configConnections` config-database connections, at most `maxActiveStatements` statements in the stand-in.
// FERRY_BURST_FILES sets the file count (CI: 300; measured by hand with 2000, see the report in docs/deploy.md).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRedshiftWarehouse } from '../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import type { Warehouse } from '../../lib/ports/warehouse.js';
import type { LocalBounds } from '../../lib/wiring/local-runtime.js';
import { serverUrl } from '../support/databases.js';
import { openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

const fileCount = Number(process.env.FERRY_BURST_FILES ?? 300);
const bounds: LocalBounds = {
  maxConcurrency: 10,
  maxReceiveCount: 5,
  redeliveryMs: 200,
  configConnections: 4,
  maxActiveStatements: 20,
  statusConcurrency: 5,
};

/** Counts what the stand-in holds right after each submission: the moment its active statements peak. */
class CountingWarehouse implements Warehouse {
  peakActive = 0;
  refusals = 0;

  constructor(private readonly standIn: LocalRedshiftWarehouse) {}

  async submit(request: Parameters<Warehouse['submit']>[0]) {
    try {
      const submitted = await this.standIn.submit(request);
      this.peakActive = Math.max(this.peakActive, this.standIn.activeStatements);
      return submitted;
    } catch (error) {
      if ((error as Error).name === 'ActiveStatementsExceededException') this.refusals += 1;
      throw error;
    }
  }
  describe(id: string) {
    return this.standIn.describe(id);
  }
  results(id: string) {
    return this.standIn.results(id);
  }
}

/** Samples pg_stat_activity for the config database until stopped; PostgreSQL server targets only. */
function sampleConnections(databaseUrl: string) {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: serverUrl });
  let peak = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [database],
      );
      peak = Math.max(peak, rows[0]?.n ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return peak;
    },
  };
}

async function writeFlavorFile(dir: string, n: number): Promise<string> {
  const name = `PROD_20240301_${String(n).padStart(9, '0')}_PA_FLAVOR_527.txt`;
  const path = join(dir, name);
  await writeFile(path, `${n}|F${n}|Flavor ${n}|Batch|2024-03-01|1.25|Y\nTRL0000000001\n`);
  return path;
}

describe.each(runtimeTargets)(`a burst of ${fileCount} uploads on %s`, (target) => {
  let runtime: TestRuntime;
  let counting: CountingWarehouse;
  let peakConnections: number | undefined;
  let seconds: number;

  beforeAll(async () => {
    runtime = await openTestRuntime(target, {
      bounds,
      decorate: (built) => {
        counting = new CountingWarehouse(built.warehouse as LocalRedshiftWarehouse);
        return { warehouse: counting };
      },
    });
    const dir = join(runtime.workspace, 'incoming');
    await mkdir(dir);
    const paths: string[] = [];
    for (let n = 1; n <= fileCount; n++) paths.push(await writeFlavorFile(dir, n));
    const sampler =
      target === 'postgres' ? sampleConnections(runtime.settings.configDatabase.url!) : undefined;

    const started = performance.now();
    await Promise.all(paths.map((path) => runtime.putFile(path)));
    await runtime.idle();
    seconds = (performance.now() - started) / 1000;

    peakConnections = await sampler?.stop();
    console.info(
      `burst on ${target}: ${fileCount} files in ${seconds.toFixed(1)} s (${(fileCount / seconds).toFixed(1)} files/s); ` +
        `peak process-file invocations ${runtime.peakInvocations().processFile}/${bounds.maxConcurrency}, ` +
        `peak log-status invocations ${runtime.peakInvocations().logStatus}/${bounds.statusConcurrency}, ` +
        `peak active statements ${counting.peakActive}/${bounds.maxActiveStatements} (${counting.refusals} refusals), ` +
        `peak config connections ${peakConnections ?? 'n/a (PGlite: one embedded connection)'}/${bounds.configConnections}`,
    );
  }, 1_800_000);

  afterAll(async () => {
    await runtime?.close();
  });

  it('loads and transforms every file once', async () => {
    const states = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(({ fn }) => ['state', fn.countAll<number>().as('runs')])
      .groupBy('state')
      .execute();
    expect(states.map(({ state, runs }) => ({ state, runs: Number(runs) }))).toEqual([
      { state: 'TRANSFORMED', runs: fileCount },
    ]);
    const rows = await runtime.query('select count(distinct file_name) from rdsftcore.dc_x_pa_flavor');
    expect(Number(rows.rows[0]?.[0])).toBe(fileCount);
  });

  it('runs at most maxConcurrency process-file and statusConcurrency log-status invocations at once', () => {
    const peaks = runtime.peakInvocations();
    expect(peaks.processFile).toBeGreaterThan(1);
    expect(peaks.processFile).toBeLessThanOrEqual(bounds.maxConcurrency);
    expect(peaks.logStatus).toBeGreaterThan(0);
    expect(peaks.logStatus).toBeLessThanOrEqual(bounds.statusConcurrency);
  });

  it('holds at most maxActiveStatements statements in the stand-in', () => {
    expect(counting.peakActive).toBeGreaterThan(0);
    expect(counting.peakActive).toBeLessThanOrEqual(bounds.maxActiveStatements);
  });

  it.skipIf(target !== 'postgres')(
    'opens at most configConnections connections to the config database (pg_stat_activity)',
    () => {
      expect(peakConnections).toBeGreaterThan(0);
      expect(peakConnections).toBeLessThanOrEqual(bounds.configConnections);
    },
  );
});
