// The bad-input corpus end to end on the local runtime: each case's exact outcome, its audit row, where the file
// went, and no partial rows anywhere; on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFileAccountedFor } from '../support/invariants.js';
import { bucketKeys, openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';
import { type CaseExpectation, type CorpusCase, corpusCases } from './cases/index.js';
import { canaryTables, observedOutcome, tableCount } from './observe.js';

describe.each(runtimeTargets)('the bad-input corpus on %s', (target) => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await openTestRuntime(target);
    // Every case's extra rules go in first: each uses a token of its own, so none changes another case.
    for (const corpusCase of corpusCases)
      if (corpusCase.rule) await runtime.config.runScript(corpusCase.rule);
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
  });

  it.each(corpusCases.map((c) => [c.name, c] as const))('%s', async (_name, corpusCase: CorpusCase) => {
    const tables = tablesOf(corpusCase.expect);
    const before = new Map<string, number>();
    for (const table of tables) before.set(table, await tableCount(runtime, table));

    const key = `${runtime.settings.inputPrefix}${corpusCase.file.name}`;
    await runtime.store.put(key, corpusCase.file.bytes);
    await runtime.idle();

    const fate = await assertFileAccountedFor(runtime, key);
    expect(await observedOutcome(runtime, fate, corpusCase.expect)).toEqual(expected(corpusCase.expect));
    if (corpusCase.verify) {
      expect((await runtime.query(corpusCase.verify.sql)).rows).toEqual(corpusCase.verify.rows);
    }
    // No partial rows: each table grew by exactly what the case loaded into it (nothing for a failure).
    for (const table of tables) {
      const grown = (await tableCount(runtime, table)) - (before.get(table) ?? 0);
      expect({ table, grown }).toEqual({ table, grown: rowsInto(corpusCase.expect, table) });
    }
    expect(await bucketKeys(runtime, runtime.settings.inputPrefix)).toEqual([]);
    expect(await bucketKeys(runtime, runtime.settings.processingPrefix)).toEqual([]);
  });

  it('leaves every sample table in place after the injection attempts', async () => {
    for (const table of canaryTables) expect(await tableCount(runtime, table)).toBeGreaterThanOrEqual(0);
    const missing = await runtime.query(
      `select count(*) from information_schema.tables where table_schema || '.' || table_name in (${canaryTables
        .map((t) => `'${t}'`)
        .join(', ')})`,
    );
    expect(Number(missing.rows[0]?.[0])).toBe(canaryTables.length);
  });
});

/** The expectation as toEqual compares it: a pattern becomes a matcher; parts compare by code. */
function expected(expectation: CaseExpectation): unknown {
  const { error, loadError, parts, ...rest } = expectation;
  return {
    ...rest,
    ...(loadError === undefined ? {} : { loadError: matcher(loadError) }),
    ...(error === undefined ? {} : { error: matcher(error) }),
    ...(parts === undefined
      ? {}
      : { parts: parts.map((p) => ({ code: p.code, expect: expected(p.expect) })) }),
  };
}

function matcher(text: string | RegExp): unknown {
  return typeof text === 'string' ? text : expect.stringMatching(text);
}

function tablesOf(expectation: CaseExpectation): string[] {
  const own = expectation.table ? [expectation.table] : [];
  return [...new Set([...own, ...(expectation.parts ?? []).flatMap((p) => tablesOf(p.expect))])];
}

function rowsInto(expectation: CaseExpectation, table: string): number {
  const own = expectation.table === table ? (expectation.rows ?? 0) : 0;
  return own + (expectation.parts ?? []).reduce((sum, p) => sum + rowsInto(p.expect, table), 0);
}
