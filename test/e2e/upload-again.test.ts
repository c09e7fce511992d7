import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutcomes } from '../../lib/records/outcomes.js';
import { bucketKeys, openTestRuntime, runtimeTargets, type TestRuntime } from '../support/local-runtime.js';

const key = 'external_input/PROD_20260101_000000000_PA_FLAVOR_527.txt';
const body = '101|F1|Vanilla|Sweet|2024-01-01|1.50|Y\nTRL0000000001\n';

describe.each(runtimeTargets)('the same content uploaded again, on %s', (target) => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await openTestRuntime(target);
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('runs a failed file again once its rule is fixed, and leaves a loaded file in the input unloaded', async () => {
    await runtime.config.runScript(
      "update rdscnfg.ext_file_config set oprtnl_flag = 'I' where ext_file_config_sid = 4",
    );
    await runtime.store.put(key, body);
    await runtime.idle();
    expect((await runOutcomes(runtime.config.db, [key])).map((o) => o.state)).toEqual(['FAILED']);

    await runtime.config.runScript(
      "update rdscnfg.ext_file_config set oprtnl_flag = 'A' where ext_file_config_sid = 4",
    );
    await runtime.store.put(key, body);
    await runtime.idle();
    const [loaded] = await runOutcomes(runtime.config.db, [key]);
    expect(loaded).toMatchObject({ state: 'TRANSFORMED', rowsLoaded: 1 });
    const runs = await runtime.config.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['state', 'retired_at'])
      .where('object_key', '=', key)
      .orderBy('created_at')
      .execute();
    // The failed run is retired (kept as history); the new one is the live run of this content.
    expect(runs.map((r) => [r.state, r.retired_at === null])).toEqual([
      ['FAILED', false],
      ['TRANSFORMED', true],
    ]);

    await runtime.store.put(key, body);
    await runtime.idle();
    expect(await bucketKeys(runtime, 'external_input/')).toEqual([key]);
    const stage = await runtime.query(
      "select count(*) from rdsftetl.dc_x_pa_flavor where file_name = 'PROD_20260101_000000000_PA_FLAVOR_527.txt'",
    );
    expect(Number(stage.rows[0]?.[0])).toBe(1);
    expect(runtime.logs.map((line) => line.msg)).toContain(
      'identical content was already loaded; left in the input (ferry reprocess --force loads it again)',
    );
  });
});
