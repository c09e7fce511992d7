// The CLI side of feed contracts: `ferry release` lets a held file go; `ferry reconcile` notices a late feed once and
// `ferry status --late` lists it; `ferry check` names a contract column that cannot work.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractCheck } from '../../lib/ports/notifier.js';
import { type CliWorkspace, cliTargets } from '../integration/cli/cli-targets.js';

const body = (id: number) => `${id}|F1|Vanilla|Sweet|2024-01-01|1.50|Y\nTRL0000000001\n`;

async function sql(ws: CliWorkspace, script: string) {
  const database = await ws.open();
  try {
    await database.runScript(script);
  } finally {
    await database.close();
  }
}

async function query<T>(
  ws: CliWorkspace,
  read: (db: Awaited<ReturnType<CliWorkspace['open']>>['db']) => Promise<T>,
) {
  const database = await ws.open();
  try {
    return await read(database.db);
  } finally {
    await database.close();
  }
}

async function file(ws: CliWorkspace, name: string, id: number): Promise<string> {
  const dir = join(ws.dir, 'files');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), body(id));
  return join(dir, name);
}

describe.each(cliTargets)('feed contracts through the CLI on $name', (target) => {
  it('`ferry release` loads a held file now, its gap ignored, with the verdict warned "released by a person"', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      await sql(
        ws,
        `update rdscnfg.ext_file_config set sequence_source = 'file_name', sequence_pattern = '^PROD_(\\d+)_',
           sequence_policy = 'hold' where ext_file_config_sid = 4`,
      );
      expect((await ws.run('put', await file(ws, 'PROD_0001_527.txt', 101))).code).toBe(0);
      const held = await ws.run('put', await file(ws, 'PROD_0003_527.txt', 103));
      expect(held.out).toContain('external_input/PROD_0003_527.txt  HELD');

      const listed = await ws.run('--json', 'status', '--held');
      const release = await ws.run('release', 'PROD_0003_527.txt');
      const again = await ws.run('release', 'PROD_0003_527.txt');

      expect(JSON.parse(listed.out)).toEqual([
        expect.objectContaining({
          file: 'external_input/PROD_0003_527.txt',
          reason: 'sequence held: expected 2, found 3, a gap',
        }),
      ]);
      expect(release.code).toBe(0);
      expect(release.out).toMatch(
        /^released run \S+\nexternal_input\/PROD_0003_527\.txt {2}TRANSFORMED {2}1 rows/,
      );
      expect(again.code).not.toBe(0);
      expect(again.err).toContain("expected a held file, run id or audit id 'PROD_0003_527.txt', found none");
      const audits = await query(ws, (db) =>
        db
          .selectFrom('rdscnfg.ext_file_audit')
          .select(['file_process_status', 'contract_checks'])
          .where('file_name', '=', 'PROD_0003_527.txt')
          .orderBy('ext_file_audit_sid')
          .execute(),
      );
      expect(
        audits.map((row) => [
          row.file_process_status,
          (JSON.parse(row.contract_checks ?? '[]') as ContractCheck[]).filter(
            // The flavor files' trailers also give every run a control_count verdict.
            (check) => check.check !== 'control_count',
          ),
        ]),
      ).toEqual([
        ['RELEASED', [{ check: 'sequence', outcome: 'held', expected: '2', found: '3, a gap' }]],
        [
          'TRANSFORMED',
          [{ check: 'sequence', outcome: 'warned', expected: '2', found: '3, a gap, released by a person' }],
        ],
      ]);
      const last = await query(ws, (db) =>
        db.selectFrom('rdscnfg.ferry_feed_sequence').select('last_sequence').executeTakeFirst(),
      );
      expect(last?.last_sequence).toBe('3');
    } finally {
      await ws.dispose();
    }
  });

  it('notices a late feed once over several reconciler passes and lists it with `ferry status --late`', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      // Due at midnight UTC every day: today's due has passed at any time of the test, and no file came since.
      await sql(ws, "update rdscnfg.ext_file_config set due_time = '00:00' where ext_file_config_sid = 4");

      const first = await ws.run('reconcile');
      const second = await ws.run('--json', 'reconcile');
      const late = await ws.run('status', '--late');

      expect(first.err).toContain('1 feed(s) late, notified: `ferry status --late`');
      expect(JSON.parse(second.out)).toMatchObject({ late: 0 });
      const today = new Date();
      today.setUTCHours(0, 0, 0, 0);
      expect(late.code).toBe(1);
      expect(late.out.split('\n')[0]).toBe('rule  interface  due                       last arrival');
      expect(late.out.split('\n')[2]).toBe(`4     527        ${today.toISOString()}`);
      const notices = await query(ws, (db) =>
        db
          .selectFrom('rdscnfg.ferry_notification')
          .select(['run_id', 'status', 'sent_at', 'message'])
          .execute(),
      );
      expect(notices).toEqual([
        expect.objectContaining({
          run_id: `late:4:${today.getTime() / 1000}`,
          status: 'LATE',
          sent_at: expect.any(Date),
        }),
      ]);
      expect(notices[0]?.message).toMatchObject({
        success: false,
        interface: '527',
        checks: [{ check: 'arrival', outcome: 'failed', found: 'no file yet' }],
      });
      const outbox = await query(ws, (db) =>
        db
          .selectFrom('rdscnfg.ferry_outbox')
          .select(['run_id', 'subject'])
          .where('channel', '=', 'sns')
          .execute(),
      );
      expect(outbox.map((row) => row.run_id)).toEqual([`late:4:${today.getTime() / 1000}`]);
    } finally {
      await ws.dispose();
    }
  });

  it('`ferry check` names a sequence policy without a source and days without a due time', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      await sql(
        ws,
        "update rdscnfg.ext_file_config set sequence_policy = 'hold', due_days = 'weekdays' where ext_file_config_sid = 4",
      );
      const check = await ws.run('check');
      expect(check.code).not.toBe(0);
      expect(`${check.out}${check.err}`).toContain(
        "rule 4 sequence_source: expected 'file_name' or 'header' when sequence_policy is set, found null",
      );
      expect(`${check.out}${check.err}`).toContain(
        "rule 4 due_time: expected 'HH:MM' when due_days or due_timezone is set, found null",
      );
    } finally {
      await ws.dispose();
    }
  });
});
