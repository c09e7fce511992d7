// Property: Ferry's load batch (stage, COPY, INSERT … SELECT with the stamps, drop) reaches the same outcome whether
// the stand-in runs the COPY and the INSERT as written or as one COPY into the target (copy-through-stage.ts): the
// same statement and sub-statement states, row counts and errors, the same rows with their stamps and lineage, the
// same rejected lines. On PGlite and on a PostgreSQL server.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLoad } from '../../../lib/core/load-sql/build-load.js';
import { buildManifest } from '../../../lib/core/load-sql/manifest.js';
import { recordCopyPaths } from '../../support/copy-paths.js';
import { copyTarget, flavorLoadRule } from '../../support/sample-rules.js';
import { BUCKET, type StandIn, standInTargets } from './local/redshift/stand-in-targets.js';

const fittingLine = fc
  .tuple(
    fc.integer({ min: -99_999, max: 99_999 }),
    fc.stringMatching(/^[A-Za-z0-9-]{0,6}$/),
    fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 })),
    fc.tuple(
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    ),
  )
  .map(([id, code, [whole, cents], [y, m, d]]) =>
    [id, code, `${whole}.${String(cents).padStart(2, '0')}`, `${y}-${pad(m)}-${pad(d)}`].join('|'),
  );
/** Lines the fast path refuses or the checked path rejects: the pair then runs as written, and must agree. */
const badLine = fc.constantFrom(
  '1||2.50|2024-01-01',
  '2|toolongcode|1.00|2024-01-01',
  '3|a|1.005|2024-01-01',
  '4|a|1.00|2024-02-30',
  '5|é|1.00|2024-01-01',
  '6|a\\|b|1.00|2024-01-01',
  'x|a|1.00|2024-01-01',
  '7|a|1.00',
);
const pad = (n: number) => String(n).padStart(2, '0');

const scenario = fc.record({
  lines: fc.array(fc.oneof({ weight: 15, arbitrary: fittingLine }, { weight: 1, arbitrary: badLine }), {
    minLength: 1,
    maxLength: 12,
  }),
  header: fc.boolean(),
  lineage: fc.boolean(),
  replace: fc.constantFrom(false, false, false, true),
  codeNotNull: fc.boolean(),
  maxErrors: fc.constantFrom(undefined, 5),
  fileName: fc.constantFrom('f.txt', "o'brien|x.txt", 'back\\slash.txt', 'tab\tname.txt', 'é.txt'),
  sourceVersion: fc.constantFrom(undefined, undefined, "v1'x", 'a|b\\c', 'v1', 'v'.repeat(50)),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const lineage = { lineColumn: 'source_line_number', versionColumn: 'source_version' };

async function load(standIn: StandIn, run: number, s: Scenario) {
  const table = `feed_${run}`;
  const setup = await standIn.run([
    `create table rdsftetl.${table} (id int, code varchar(6) ${s.codeNotNull ? 'not null' : ''}, ` +
      'amount numeric(9,2), day date, source_line_number int, source_version varchar(40), ' +
      'file_name varchar(256), target_transaction_timestamp timestamp)',
    `insert into rdsftetl.${table} (id, code, file_name, target_transaction_timestamp) values (0, 'e', 'earlier', '2024-01-01')`,
  ]);
  if (setup.status !== 'FINISHED') throw new Error(String(setup.error));
  const body = s.lines.map((line, index) => (s.lineage ? `${index + 1}|${line}` : line));
  const dataKey = `processing/run-${run}/data.txt`;
  await standIn.store.put(dataKey, `${s.header ? 'id|code|amount|day\n' : ''}${body.join('\n')}\n`);
  const manifestKey = `processing/run-${run}.manifest`;
  await standIn.store.put(manifestKey, buildManifest(BUCKET, [dataKey]));
  const rule = flavorLoadRule({
    target: { schema: 'rdsftetl', table },
    columns: ['id', 'code', 'amount', 'day'].map((name) => ({ name })),
    header: s.header,
    ...(s.lineage && { lineage }),
    ...(s.maxErrors !== undefined && { maxErrors: s.maxErrors }),
  });
  const batch = buildLoad({
    rule,
    runId: `run-${run}`,
    fileName: s.fileName,
    loadedAt: '2024-06-01 12:00:00',
    compression: 'none',
    hasHeader: s.header,
    ...copyTarget,
    manifestUrl: `s3://${BUCKET}/${manifestKey}`,
    ...(s.replace && { replacesLoadedAt: '2024-01-01 00:00:00' }),
    ...(s.sourceVersion !== undefined && { sourceVersion: s.sourceVersion }),
  });
  const described = await standIn.run(batch.sqls);
  const rows = await standIn.query(`select * from rdsftetl.${table} order by ${table}::text`);
  const rejected = await standIn.query(
    `select line_number, trim(column_name), error_code, trim(error_message) from sys_load_error_detail
      where file_name like '%/run-${run}/%' order by line_number, error_code`,
  );
  return {
    status: described.status,
    error: described.error,
    subs: described.subStatements.map((sub) => [sub.status, sub.resultRows, sub.hasResultSet, sub.error]),
    rows: rows.rows,
    rejected: rejected.rows,
  };
}

describe.each(standInTargets)('a staging pair run as one COPY into the target, on $name', (target) => {
  let fused: StandIn;
  let asWritten: StandIn;
  beforeAll(async () => {
    [fused, asWritten] = await Promise.all([target.open(), target.open({ fuseStagedLoads: false })]);
    for (const standIn of [fused, asWritten]) await standIn.run(['create schema rdsftetl']);
  });
  afterAll(async () => {
    await Promise.all([fused?.close(), asWritten?.close()]);
  });

  it('reaches the outcome of the pair as written, on any file, with or without lineage, replace, header or NOT NULL', async () => {
    const { paths, stop } = recordCopyPaths();
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          run++;
          const [one, two] = await Promise.all([load(fused, run, s), load(asWritten, run, s)]);
          expect(one).toEqual(two);
        }),
        { numRuns: 60 },
      );
    } finally {
      stop();
    }
    // Not a property about refusals only: a good share of the loads went through as one COPY.
    expect(paths.filter((path) => path === 'fused').length).toBeGreaterThan(10);
  }, 240_000);
});
