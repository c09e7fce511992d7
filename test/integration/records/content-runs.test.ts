import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ConfigDatabase } from '../../../lib/adapters/postgres/config-database.js';
import {
  claimRows,
  currentLoadOfKey,
  earlierRunInFlight,
  findSameContent,
} from '../../../lib/records/content-runs.js';
import type { RunState } from '../../../lib/records/run-states.js';
import { claimRun, transitionRun } from '../../../lib/records/runs.js';
import { databaseTargets } from '../../support/databases.js';

const bucket = 'feeds';
const hash = 'c'.repeat(64);

async function loadedRun(
  database: ConfigDatabase,
  key: string,
  etag: string,
  state: RunState = 'LOADED',
  contentHash: string | null = hash,
) {
  const { run } = await claimRun(database.db, { bucket, key, etag });
  await transitionRun(database.db, run.id, ['RECEIVED'], state, {
    ext_file_config_sid: 4,
    content_hash: contentHash,
    details: { loadedAt: '2026-12-01 00:00:00.000' },
  });
  return run.id;
}

async function withDatabase(
  target: (typeof databaseTargets)[number],
  body: (db: ConfigDatabase) => Promise<void>,
) {
  const database = await target.open();
  try {
    await body(database);
  } finally {
    await database.close();
  }
}

describe.each(databaseTargets)('content look-ups in the run ledger on $name', (target) => {
  it('finds a loaded run of the rule with the same bytes under another key only', async () => {
    await withDatabase(target, async (database) => {
      const earlier = await loadedRun(database, 'external_input/A_527.txt', '"a"');
      await loadedRun(database, 'external_input/F_527.txt', '"f"', 'FAILED');
      const query = { ruleId: 4, sha256: hash, bucket };
      expect(await findSameContent(database.db, { ...query, key: 'external_input/B_527.txt' })).toEqual({
        runId: earlier,
        key: 'external_input/A_527.txt',
        loadedAt: '2026-12-01 00:00:00.000',
        stamped: true,
        sha256: hash,
      });
      expect(
        await findSameContent(database.db, { ...query, key: 'external_input/A_527.txt' }),
      ).toBeUndefined();
      expect(await findSameContent(database.db, { ...query, ruleId: 5, key: 'x' })).toBeUndefined();
    });
  });

  it('looks the hash up through an index of the rule and hash', async () => {
    await withDatabase(target, async (database) => {
      const indexes = await sql<{ indexdef: string }>`
        select indexdef from pg_indexes where schemaname = 'rdscnfg' and indexname = 'ferry_run_rule_hash_idx'`.execute(
        database.db,
      );
      expect(indexes.rows[0]?.indexdef).toMatch(/\(ext_file_config_sid, content_hash\)/);
    });
  });

  it('grants the rows of a loaded run to exactly one of many racing re-sends', async () => {
    await withDatabase(target, async (database) => {
      const earlier = await loadedRun(database, 'external_input/K_527.txt', '"v1"');
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, n) => claimRows(database.db, earlier, `resend-${n}`, null)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });

  it('names the in-flight re-send holding the rows, and frees them when that re-send failed', async () => {
    await withDatabase(target, async (database) => {
      const key = 'external_input/K_527.txt';
      const earlier = await loadedRun(database, key, '"v1"');
      const { run: resend } = await claimRun(database.db, { bucket, key, etag: '"v2"' });
      expect(await claimRows(database.db, earlier, resend.id, null)).toBe(true);
      const query = { ruleId: 4, bucket, key, exceptRunId: 'other' };
      expect(await currentLoadOfKey(database.db, query)).toMatchObject({
        run: { runId: earlier },
        claim: resend.id,
        claimedBy: { runId: resend.id, inFlight: true },
      });

      await transitionRun(database.db, resend.id, ['RECEIVED'], 'FAILED');
      const freed = await currentLoadOfKey(database.db, query);
      expect(freed).toEqual({ run: expect.objectContaining({ runId: earlier }), claim: resend.id });
      expect(await claimRows(database.db, earlier, 'next', resend.id)).toBe(true);
    });
  });

  it('stops counting a replaced run once its replacement loaded', async () => {
    await withDatabase(target, async (database) => {
      const key = 'external_input/K_527.txt';
      const first = await loadedRun(database, key, '"v1"');
      const second = await loadedRun(database, key, '"v2"', 'LOADED', 'd'.repeat(64));
      expect(await claimRows(database.db, first, second, null)).toBe(true);
      const current = await currentLoadOfKey(database.db, { ruleId: 4, bucket, key, exceptRunId: 'other' });
      expect(current?.run.runId).toBe(second);
    });
  });

  it('sees an earlier run of the same key on its way, but not a later one nor a stale RECEIVED claim', async () => {
    await withDatabase(target, async (database) => {
      const key = 'external_input/K_527.txt';
      const { run: first } = await claimRun(database.db, { bucket, key, etag: '"v1"' });
      await transitionRun(database.db, first.id, ['RECEIVED'], 'SUBMITTED');
      const { run: second } = await claimRun(database.db, { bucket, key, etag: '"v2"' });
      const long = new Date(Date.now() - 60_000);
      expect(await earlierRunInFlight(database.db, second, long)).toBe(first.id);
      expect(await earlierRunInFlight(database.db, first, long)).toBeUndefined();

      await transitionRun(database.db, first.id, ['SUBMITTED'], 'RECEIVED');
      expect(await earlierRunInFlight(database.db, second, long)).toBe(first.id);
      expect(await earlierRunInFlight(database.db, second, new Date(Date.now() + 60_000))).toBeUndefined();
    });
  });
});
