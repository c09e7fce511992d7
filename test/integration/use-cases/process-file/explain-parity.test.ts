// `ferry explain` and the processing function share one plan: for every sample rule, what explain shows is what the
// processing function submits (the run id aside, which explain cannot know).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Explanation, explainFile, placeholderRunId } from '../../../../lib/cli/explain-file.js';
import { readSettings, type Settings } from '../../../../lib/core/settings/settings.js';
import type { RecordResult } from '../../../../lib/use-cases/process-file/process-dependencies.js';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import { openWorld, sampleFile, settings, type World, worlds } from './pipeline-harness.js';

/** One processing time for both sides: it is stamped into every row and into split parts' names. */
const now = new Date('2024-03-05T14:15:16.789Z');

const sampleFiles = [
  'PROD_20151015_150510973_PA_FLAVOR_527.txt',
  'PROD_20151016_090000000_PA_FLAVOR_527.txt',
  'hosp10_2014_RPT_558.csv.gz',
  'ACCT_20240101_600.dat',
  'CLAIMS_20240102_700.txt',
];

interface Compared {
  explained: Explanation;
  result: RecordResult;
}

describe.each(worlds)('ferry explain and the processing function on $name', (target) => {
  let world: World;
  let folder: string;
  let explainSettings: Settings;

  beforeEach(async () => {
    world = await openWorld(target);
    folder = await mkdtemp(join(tmpdir(), 'ferry-explain-parity-'));
    explainSettings = { ...readSettings({}, 'local'), ...settings };
  });
  afterEach(async () => {
    await world.close();
    await rm(folder, { recursive: true, force: true });
  });

  /** Explains the bytes as a local file, then processes them as a delivery of the same name. */
  async function both(name: string, body: Buffer): Promise<Compared> {
    const path = join(folder, name);
    await writeFile(path, body);
    const explained = await explainFile(world.database.db, explainSettings, world.store.bucket, path, now);
    const { event } = await world.upload(name, body);
    const deps = { ...world.deps, now: () => new Date(now) };
    const { results } = await processEvent(deps, event);
    expect(results).toHaveLength(1);
    return { explained, result: results[0]! };
  }

  /** The processing function's run id where explain shows its placeholder. */
  const asExplained = (text: string, runId: string) => text.replaceAll(runId, placeholderRunId);

  async function expectSamePlan({ explained, result }: Compared) {
    expect(result).toMatchObject({ status: 'submitted', runId: expect.any(String) });
    const runId = result.runId!;
    const submitted = world.warehouse.submissions.filter((s) => s.clientToken === runId);
    expect(submitted).toHaveLength(1);
    const [submission] = submitted;
    expect(explained.error).toBeNull();
    expect(explained.loadSql.length).toBeGreaterThan(0);
    expect(submission!.sqls.map((sql) => asExplained(sql, runId))).toEqual(explained.loadSql);
    expect(asExplained(submission!.name, runId)).toBe(explained.statementName);
    const manifestKey = `${settings.processingPrefix}${runId}/${basename(explained.file)}.manifest`;
    expect(asExplained(await world.text(manifestKey), runId)).toBe(explained.manifest);
  }

  it('shows the SQL the processing function submits, for every rule of the sample config', async () => {
    const explainedRules = new Set<number>();
    for (const name of sampleFiles) {
      const compared = await both(name, sampleFile(name));
      if (compared.explained.rule) explainedRules.add(compared.explained.rule.sid);
      if (name === 'PROD_20151016_090000000_PA_FLAVOR_527.txt') {
        // The failing sample: explain names the error the run fails with, and neither side has SQL to submit.
        expect(compared.explained.error).toBe('trailer says 4 records, file has 3');
        expect(compared.result).toMatchObject({ status: 'failed', error: compared.explained.error });
        expect(compared.explained.loadSql).toEqual([]);
        expect(world.warehouse.submissions.filter((s) => s.clientToken === compared.result.runId)).toEqual(
          [],
        );
        continue;
      }
      if (name === 'CLAIMS_20240102_700.txt') {
        // The split parent loads nothing itself: its parts come back into the input and load under their own rules.
        expect(compared.result).toMatchObject({ status: 'split' });
        expect(compared.explained.loadSql).toEqual([]);
        const partKeys = (await world.keys(settings.inputPrefix)).filter((key) => key.includes('_700-'));
        expect(partKeys).toEqual(compared.explained.parts.map((part) => part.key).sort());
        for (const key of partKeys) {
          const part = await both(basename(key), Buffer.from(await world.text(key)));
          await expectSamePlan(part);
          explainedRules.add(part.explained.rule!.sid);
        }
        continue;
      }
      await expectSamePlan(compared);
    }
    const sampleRules = await world.database.db
      .selectFrom('rdscnfg.ext_file_config')
      .select('ext_file_config_sid')
      .where('oprtnl_flag', '=', 'A')
      .execute();
    expect([...explainedRules].sort((a, b) => a - b)).toEqual(
      sampleRules.map((r) => r.ext_file_config_sid).sort((a, b) => a - b),
    );
  });
});
