// `ferry watch` under load: files copied into the input folder in bursts, all must load with bounded memory and
// database connections. Run: npx tsx bench/watch-5000.ts [files=5000] [bursts=10] (needs PostgreSQL on 127.0.0.1).
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../lib/cli/run-cli.js';
import { flavorFile, flavorFileName } from '../test/fault/fault-files.js';
import { createServerDatabase } from '../test/support/databases.js';

const files = Number(process.argv[2] ?? 5000);
const bursts = Number(process.argv[3] ?? 10);
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const workspace = await mkdtemp(join(tmpdir(), 'ferry-watch-'));
const config = await createServerDatabase(server);
const warehouse = await createServerDatabase(server);
const env = { ...process.env, DATABASE_URL: config.url, WAREHOUSE_URL: warehouse.url, LOG_LEVEL: 'error' };
const quiet = { out: () => {}, err: (t: string) => process.stderr.write(`${t}\n`) };
const cli = (args: string[]) => runCli(['--workspace', workspace, ...args], { env, output: quiet });

await cli(['init', '--samples']);
const admin = new pg.Client({ connectionString: server });
await admin.connect();
const names = [new URL(config.url).pathname.slice(1), new URL(warehouse.url).pathname.slice(1)];
let peakRss = process.memoryUsage().rss;
const startRss = peakRss;
let peakConnections = 0;
const sampler = setInterval(async () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const { rows } = await admin.query(
    'select count(*)::int as n from pg_stat_activity where datname = any($1)',
    [names],
  );
  peakConnections = Math.max(peakConnections, rows[0].n);
}, 250);

const started = Date.now();
const watching = cli(['watch', '--interval', '200', '--concurrency', '8']);
const input = join(workspace, 'bucket', 'external_input');
await mkdir(input, { recursive: true });
const perBurst = Math.ceil(files / bursts);
for (let burst = 0; burst < bursts; burst++) {
  for (let i = burst * perBurst; i < Math.min(files, (burst + 1) * perBurst); i++) {
    const name = flavorFileName(`W${i}x`);
    // Written aside and renamed in, as a careful copy would: watch never sees half a file.
    await writeFile(join(workspace, name), flavorFile(`W${i}x`, 2));
    await rename(join(workspace, name), join(input, name));
  }
}
const db = new pg.Client({ connectionString: config.url });
await db.connect();
let done = 0;
while (done < files && Date.now() - started < 30 * 60_000) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { rows } = await db.query(
    "select count(*)::int as n from rdscnfg.ferry_run where state in ('TRANSFORMED', 'FAILED', 'TRANSFORM_FAILED')",
  );
  done = rows[0].n;
}
const seconds = (Date.now() - started) / 1000;
process.emit('SIGINT');
await watching;
clearInterval(sampler);
const { rows } = await db.query(
  'select state, count(*)::int as n from rdscnfg.ferry_run group by state order by state',
);
console.log(
  JSON.stringify({
    files,
    bursts,
    seconds,
    states: rows,
    startRssMb: Math.round(startRss / 2 ** 20),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    peakConnections,
  }),
);
await db.end();
await admin.end();
await config.drop();
await warehouse.drop();
await rm(workspace, { recursive: true, force: true });
