// A warehouse that never answers: the run stays SUBMITTED, `ferry status --stuck` reports it, and resuming finishes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/run-cli.js';
import { buildStatusEvent } from '../../lib/core/events/status-event.js';
import { expectFate, flavorFile, flavorFileName, rowsOf } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

async function ferry(world: FaultWorld, ...args: string[]) {
  let out = '';
  const code = await runCli(['--workspace', world.workspace, ...args], {
    env: world.env,
    output: { out: (text) => (out += `${text}\n`), err: (text) => (out += `${text}\n`) },
  });
  return { code, out };
}

describe.each(worldTargets)('a run the warehouse never answers on %s', (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target, { persistConfig: true });
  });
  afterEach(async () => {
    await world?.close();
  });

  it('is listed by status --stuck --older-than 0 and loads once when resumed with its statement outcome', async () => {
    const name = flavorFileName(`STUCK${target}`);
    const key = `external_input/${name}`;
    const event = await world.upload(name, flavorFile('STUCK'));
    world.faultyWarehouse.faults.arm({ op: 'silent', match: /^ferry:/ });
    const outcome = await world.deliver(event);
    await world.idle();
    const runId = outcome.ok ? outcome.value.results[0]?.runId : undefined;
    // A redelivery of the S3 event cannot unstick it: the run is claimed and waiting.
    await world.deliver(event);
    await world.idle();

    const stuck = await world.withConfigClosed(() =>
      ferry(world, '--json', 'status', '--stuck', '--older-than', '0'),
    );
    expect(stuck.code).toBe(1);
    const listed = JSON.parse(stuck.out) as Array<{
      run: string;
      file: string;
      state: string;
      statement: string;
    }>;
    expect(listed).toEqual([expect.objectContaining({ run: runId, file: key, state: 'SUBMITTED' })]);
    expect(await world.store.head(key)).toBeDefined();

    // What `ferry reprocess --resume` does, in-process because this world's stand-in lives in memory.
    const description = await world.standIn.describe(listed[0]?.statement ?? '');
    const resumeEvent = buildStatusEvent(
      description,
      { account: '000000000000', region: 'us-east-1', clusterId: 'ferry-local', principal: 'ferry-test' },
      new Date(),
    );
    const resumed = await world.deliverStatus(resumeEvent);
    await world.deliverStatus(resumeEvent);
    await world.idle();

    expect(resumed).toMatchObject({ ok: true, value: { result: 'recorded', state: 'LOADED' } });
    await expectFate(world, key, 'loaded');
    expect(await rowsOf(world, name)).toBe(3);
    const after = await world.withConfigClosed(() =>
      ferry(world, '--json', 'status', '--stuck', '--older-than', '0'),
    );
    expect([after.code, JSON.parse(after.out)]).toEqual([0, []]);
  });
});
