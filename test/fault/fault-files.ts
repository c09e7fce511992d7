// Small files for rule 527 (pipe-delimited, trailer count at 4:14) and what the suites check after each run.
import { expect } from 'vitest';
import { assertFileAccountedFor, type FileFate } from '../support/invariants.js';
import type { FaultWorld } from './fault-world.js';

export const ROWS_PER_FILE = 3;

/** `rows` good records and a trailer; `trailerOffBy` makes the count wrong (the file must fail validation). */
export function flavorFile(tag: string, rows = ROWS_PER_FILE, trailerOffBy = 0): string {
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++)
    lines.push(`${i}|${tag.slice(0, 6)}${i}|Flavor ${i}|Fruit|2015-10-01|1.50|Y`);
  lines.push(`TRL${String(rows + trailerOffBy).padStart(10, '0')}`);
  return `${lines.join('\n')}\n`;
}

export function flavorFileName(tag: string): string {
  return `PROD_${tag}_PA_FLAVOR_527.txt`;
}

/** Outbox messages per status for a run (SNS channel), to prove each went out once. */
export async function notificationsOf(world: FaultWorld, runId: string): Promise<Record<string, number>> {
  const rows = await world.config.db
    .selectFrom('rdscnfg.ferry_outbox')
    .select(['subject', 'attributes'])
    .where('run_id', '=', runId)
    .where('channel', '=', 'sns')
    .execute();
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const attributes = (
      typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes
    ) as Record<string, { StringValue?: string } | string>;
    const status = attributes.status;
    const value = typeof status === 'string' ? status : (status?.StringValue ?? 'unknown');
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

/** Rows stamped with the file's name in the stage target (rdsftetl.dc_x_pa_flavor). */
export async function rowsOf(world: FaultWorld, fileName: string): Promise<number> {
  const escaped = fileName.replaceAll("'", "''");
  const result = await world.query(
    `select count(*) from rdsftetl.dc_x_pa_flavor where file_name = '${escaped}'`,
  );
  return Number(result.rows[0]?.[0]);
}

/** The shared invariant, then the fate this case demands, one audit row, and one final notification. */
export async function expectFate(
  world: FaultWorld,
  key: string,
  expected: 'loaded' | 'failed',
): Promise<FileFate> {
  await world.idle();
  const fate = await assertFileAccountedFor(world.runtime(), key);
  expect(fate.kind).toBe(expected);
  if (fate.kind !== 'loaded' && fate.kind !== 'failed') return fate;
  const fileName = key.slice(key.lastIndexOf('/') + 1);
  expect(await rowsOf(world, fileName)).toBe(expected === 'loaded' ? ROWS_PER_FILE : 0);
  const audits = await world.config.db
    .selectFrom('rdscnfg.ext_file_audit')
    .select(['file_process_status', 'error_msg'])
    .where('run_id', '=', fate.run.run_id)
    .execute();
  expect(audits).toHaveLength(1);
  const notes = await notificationsOf(world, fate.run.run_id);
  const finalStatus =
    fate.kind === 'failed' ? fate.run.state : fate.run.state === 'LOADED' ? 'FINISHED' : fate.run.state;
  expect(notes).toEqual({ [finalStatus]: 1 });
  return fate;
}
