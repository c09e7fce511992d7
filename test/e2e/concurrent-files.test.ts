// Many files into one table at once: every row keeps its own file name and load time; a repeated put loads once.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRow } from '../../lib/records/tables.js';
import {
  bucketKeys,
  openTestRuntime,
  runtimeTargets,
  type TestRuntime,
  timestampMillis,
} from '../support/local-runtime.js';

const fileCount = 20;

interface GeneratedFile {
  name: string;
  path: string;
  /** flavor_id of each record: `<file number> * 1000 + <line>`, so a row names the file it came from. */
  ids: number[];
}

/** A valid rule-4 file (interface 527): `n + 1` records and a trailer with their count. */
async function writeFlavorFile(dir: string, n: number, name: string): Promise<GeneratedFile> {
  const ids = Array.from({ length: n + 1 }, (_, line) => n * 1000 + line + 1);
  const lines = ids.map(
    (id) => `${id}|F${id}|Flavor ${id} of file ${n}|Batch|2024-03-01|${(id % 97) + 0.25}|Y`,
  );
  const text = `${lines.join('\n')}\nTRL${String(ids.length).padStart(10, '0')}\n`;
  const path = join(dir, name);
  await writeFile(path, text);
  return { name, path, ids };
}

function fileName(n: number): string {
  return `PROD_20240301_${String(n).padStart(9, '0')}_PA_FLAVOR_527.txt`;
}

async function runsOf(runtime: TestRuntime, names: readonly string[]): Promise<RunRow[]> {
  return runtime.config.db
    .selectFrom('rdscnfg.ferry_run')
    .selectAll()
    .where(
      'object_key',
      'in',
      names.map((name) => `external_input/${name}`),
    )
    .execute();
}

describe.each(runtimeTargets)('files loading into one table at the same time on %s', (target) => {
  let runtime: TestRuntime;
  let files: GeneratedFile[];
  let runs: RunRow[];

  beforeAll(async () => {
    runtime = await openTestRuntime(target);
    const dir = join(runtime.workspace, 'incoming');
    await mkdir(dir);
    files = await Promise.all(
      Array.from({ length: fileCount }, (_, index) => writeFlavorFile(dir, index + 1, fileName(index + 1))),
    );
    await Promise.all(files.map((file) => runtime.putFile(file.path)));
    await runtime.idle();
    runs = await runsOf(
      runtime,
      files.map((file) => file.name),
    );
  }, 180_000);

  afterAll(async () => {
    await runtime?.close();
  });

  it('runs each of the 20 files once, through load and post-load SQL', () => {
    const outcome = runs
      .map((run) => ({
        name: run.object_key,
        state: run.state,
        rows: run.rows_loaded,
        rejected: run.rows_rejected,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(outcome).toEqual(
      files.map((file) => ({
        name: `external_input/${file.name}`,
        state: 'TRANSFORMED',
        rows: file.ids.length,
        rejected: 0,
      })),
    );
  });

  it('had the files in flight together, not one after another', () => {
    const firstDone = Math.min(...runs.map((run) => run.updated_at.getTime()));
    const claimedBefore = runs.filter((run) => run.created_at.getTime() < firstDone).length;
    expect(claimedBefore).toBeGreaterThan(1);
  });

  it('stamps every stage row with the name of the file it came from and that file’s load time', async () => {
    const result = await runtime.query(
      'select flavor_id, file_name, target_transaction_timestamp from rdsftetl.dc_x_pa_flavor order by flavor_id',
    );
    const expectedIds = files.flatMap((file) => file.ids);
    expect(result.rows.map((row) => row[0])).toEqual(expectedIds);
    const loadedAt = new Map(
      runs.map((run) => [
        run.object_key.replace('external_input/', ''),
        timestampMillis(run.details.loadedAt),
      ]),
    );
    for (const [id, name, stamp] of result.rows) {
      const file = fileName(Math.floor(Number(id) / 1000));
      expect(name, `flavor ${id}`).toBe(file);
      expect(timestampMillis(stamp), `flavor ${id}`).toBe(loadedAt.get(file));
    }
  });

  it('leaves no stage row without a file name and counts each file’s rows exactly', async () => {
    const unnamed = await runtime.query(
      'select count(*) from rdsftetl.dc_x_pa_flavor where file_name is null or target_transaction_timestamp is null',
    );
    expect(Number(unnamed.rows[0]?.[0])).toBe(0);
    const perFile = await runtime.query(
      'select file_name, count(*), count(distinct target_transaction_timestamp) ' +
        'from rdsftetl.dc_x_pa_flavor group by file_name order by file_name',
    );
    expect(perFile.rows.map(([name, rows, stamps]) => [name, Number(rows), Number(stamps)])).toEqual(
      files.map((file) => [file.name, file.ids.length, 1]),
    );
  });

  it('lets each file’s post-load SQL see only its own rows', async () => {
    const core = await runtime.query(
      'select file_name, count(*) from rdsftcore.dc_x_pa_flavor group by file_name order by file_name',
    );
    expect(core.rows.map(([name, rows]) => [name, Number(rows)])).toEqual(
      files.map((file) => [file.name, file.ids.length]),
    );
    const errors = await runtime.query('select count(*) from rdsftetl.dc_x_pa_flavor_error');
    expect(Number(errors.rows[0]?.[0])).toBe(0);
  });

  it('archives all 20 originals and leaves the input and processing folders empty', async () => {
    const originals = (await bucketKeys(runtime, 'archive/527/')).filter(
      (key) => !key.startsWith('archive/527/preprocessed_file_'),
    );
    expect(originals.map((key) => key.replace(/_\d{4}(-\d{2}){5}$/, ''))).toEqual(
      files.map((file) => `archive/527/${file.name}`),
    );
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([]);
    expect(await bucketKeys(runtime, 'processing/')).toEqual([]);
  });

  it('loads a file put twice at once with the same content in one run, its rows once', async () => {
    const name = 'PROD_20240302_000000001_PA_FLAVOR_527.txt';
    const file = await writeFlavorFile(join(runtime.workspace, 'incoming'), 99, name);
    await Promise.all([runtime.putFile(file.path), runtime.putFile(file.path)]);
    await runtime.idle();
    const all = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['state', 'retired_at', 'rows_loaded'])
      .where('object_key', '=', `external_input/${name}`)
      .execute();
    expect(all).toEqual([{ state: 'TRANSFORMED', retired_at: null, rows_loaded: file.ids.length }]);
    const rows = await runtime.query(
      `select flavor_id from rdsftetl.dc_x_pa_flavor where file_name = '${name}' order by flavor_id`,
    );
    expect(rows.rows.map((row) => row[0])).toEqual(file.ids);
    const core = await runtime.query(
      `select count(*) from rdsftcore.dc_x_pa_flavor where file_name = '${name}'`,
    );
    expect(Number(core.rows[0]?.[0])).toBe(file.ids.length);
    expect(await bucketKeys(runtime, 'processing/')).toEqual([]);
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([]);
  });

  it('loads nothing again when the same content is put again after its run finished', async () => {
    const name = 'PROD_20240303_000000001_PA_FLAVOR_527.txt';
    const file = await writeFlavorFile(join(runtime.workspace, 'incoming'), 98, name);
    await runtime.putFile(file.path);
    await runtime.idle();
    await runtime.putFile(file.path);
    await runtime.idle();
    const all = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['state', 'retired_at', 'rows_loaded'])
      .where('object_key', '=', `external_input/${name}`)
      .execute();
    const rows = await runtime.query(
      `select count(*) from rdsftetl.dc_x_pa_flavor where file_name = '${name}'`,
    );
    // The ledger knows this (key, ETag): the second delivery is a duplicate of a finished run.
    expect(all).toEqual([{ state: 'TRANSFORMED', retired_at: null, rows_loaded: file.ids.length }]);
    expect(Number(rows.rows[0]?.[0])).toBe(file.ids.length);
    const core = await runtime.query(
      `select count(*) from rdsftcore.dc_x_pa_flavor where file_name = '${name}'`,
    );
    expect(Number(core.rows[0]?.[0])).toBe(file.ids.length);
  });
});
