// Load: thousands of small files dropped into the local runtime in bursts; all must load, memory and connections bounded.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/watch-load.ts [files] [bursts] [pglite|postgres]
import pg from 'pg';
import { flavorFile, flavorFileName } from '../test/fault/fault-files.js';
import { openTestRuntime, type RuntimeTarget } from '../test/support/local-runtime.js';

export interface LoadFigures {
  target: RuntimeTarget;
  files: number;
  bursts: number;
  loaded: number;
  failed: number;
  rows: number;
  seconds: number;
  peakRssMb: number;
  startRssMb: number;
  /** Most backends seen at once on the config and warehouse databases (server target only). */
  peakConnections: number | null;
}

export async function runLoad(target: RuntimeTarget, files: number, bursts: number): Promise<LoadFigures> {
  const runtime = await openTestRuntime(target);
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakConnections: number | null = null;
  const admin =
    target === 'postgres' && process.env.TEST_DATABASE_URL
      ? new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      : undefined;
  await admin?.connect();
  // Only this runtime's two databases: other suites may be using the same server.
  const configName = new URL(runtime.settings.configDatabase.url ?? 'postgres://local/none').pathname.slice(
    1,
  );
  const warehouseName = String((await runtime.query('select current_database()')).rows[0]?.[0]);
  let sampling = Promise.resolve();
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!admin) return;
    sampling = sampling.then(async () => {
      const result = await admin.query(
        'select count(*)::int as n from pg_stat_activity where datname = any($1)',
        [[configName, warehouseName]],
      );
      peakConnections = Math.max(peakConnections ?? 0, result.rows[0].n as number);
    });
  };
  const timer = setInterval(sample, 50);
  const started = Date.now();
  try {
    const perBurst = Math.ceil(files / bursts);
    for (let burst = 0; burst < bursts; burst++) {
      const puts: Promise<unknown>[] = [];
      for (let i = burst * perBurst; i < Math.min(files, (burst + 1) * perBurst); i++) {
        puts.push(runtime.store.put(`external_input/${flavorFileName(`L${i}x`)}`, flavorFile(`L${i}x`, 2)));
      }
      await Promise.all(puts);
      sample();
    }
    await runtime.idle();
    sample();
    await sampling;
    const runs = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .where('retired_at', 'is', null)
      .groupBy('state')
      .execute();
    const count = (states: string[]) =>
      runs.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + Number(r.n), 0);
    const rows = await runtime.query(
      "select count(*) from rdsftetl.dc_x_pa_flavor where file_name like 'PROD_L%'",
    );
    return {
      target,
      files,
      bursts,
      loaded: count(['LOADED', 'TRANSFORMED']),
      failed: count(['FAILED', 'ABORTED', 'TRANSFORM_FAILED']),
      rows: Number(rows.rows[0]?.[0]),
      seconds: (Date.now() - started) / 1000,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      startRssMb: Math.round(startRss / 2 ** 20),
      peakConnections,
    };
  } finally {
    clearInterval(timer);
    await admin?.end();
    await runtime.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [files = '5000', bursts = '10', target = 'postgres'] = process.argv.slice(2);
  runLoad(target as RuntimeTarget, Number(files), Number(bursts)).then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
