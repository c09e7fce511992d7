// Faults at each step of both functions, then the platform's retries: every file loaded once, failed with its reason, never lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFaults, type FaultCase, processFaults, statusFaults } from './fault-cases.js';
import { expectFate, flavorFile, flavorFileName } from './fault-files.js';
import { type FaultWorld, openFaultWorld, staleClaimMs, worldTargets } from './fault-world.js';

const tally = { cases: 0, injected: 0 };

async function runCase(world: FaultWorld, faultCase: FaultCase, tag: string) {
  const fileName = flavorFileName(tag);
  const bodies = {
    good: flavorFile(tag),
    crlf: flavorFile(tag).replaceAll('\n', '\r\n'),
    bad: flavorFile(tag, 3, 1),
  };
  const body = bodies[faultCase.file];
  const event = await world.upload(fileName, body);
  const before = world.injected();
  faultCase.arm(world, fileName);
  await world.deliver(event);
  await world.idle();
  const fired = world.injected() - before;
  world.clearFaults();
  if (faultCase.late) world.advanceClock(staleClaimMs + 60_000);
  await world.retry(event);
  // A second round: Lambda retries an event more than once, and repeats must change nothing.
  await world.retry(event);
  tally.cases++;
  tally.injected += fired;
  return { key: `external_input/${fileName}`, fired };
}

describe.each(worldTargets)('faults on %s', (target) => {
  let world: FaultWorld;
  beforeAll(async () => {
    world = await openFaultWorld(target);
  });
  afterAll(async () => {
    await world?.close();
    console.info(`fault suite on ${target}: ${tally.cases} cases, ${tally.injected} faults injected`);
  });

  const groups: Array<[string, FaultCase[]]> = [
    ['processing function', processFaults],
    ['status function', statusFaults],
    ['config database', databaseFaults],
  ];
  for (const [group, cases] of groups) {
    describe(group, () => {
      it.each(cases.map((c, index) => ({ ...c, index })))(
        'ends $expected when $name, after the retries',
        async (faultCase) => {
          const tag = `${group.slice(0, 2).toUpperCase()}${faultCase.index}${target.slice(0, 2)}`;
          const { key, fired } = await runCase(world, faultCase, tag);
          expect(fired).toBeGreaterThan(0);
          await expectFate(world, key, faultCase.expected);
        },
      );
    });
  }
});
