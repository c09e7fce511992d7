// Two files with one base name in two input folders, processed together: each loads its own rows exactly once.
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertNothingLost } from '../support/invariants.js';
import { flavorFile, flavorFileName } from './fault-files.js';
import { type FaultWorld, openFaultWorld, worldTargets } from './fault-world.js';

/** Rows of the stage target whose second column starts with `tag` (flavorFile writes `<tag><n>` there). */
async function rowsTagged(world: FaultWorld, tag: string): Promise<number> {
  const result = await world.query(
    `select count(*) from rdsftetl.dc_x_pa_flavor where flavor_code like '${tag}%'`,
  );
  return Number(result.rows[0]?.[0]);
}

describe.each(worldTargets)('files with the same name in two input folders on %s', (target) => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await openFaultWorld(target);
  });
  afterEach(async () => {
    await world?.close();
  });

  it('prepares each under its own run and loads each file once, stamped with the shared file name', async () => {
    const name = flavorFileName(`TWIN${target.slice(0, 2)}`);
    const first = await world.upload(`a/${name}`, flavorFile('AAAAAA', 3));
    const second = await world.upload(`b/${name}`, flavorFile('BBBBBB', 4));

    // Both prepared before either load runs, as two Lambda invocations would.
    await Promise.all([world.deliver(first), world.deliver(second)]);
    await world.idle();

    const fates = await assertNothingLost(world.runtime(), [
      `external_input/a/${name}`,
      `external_input/b/${name}`,
    ]);
    expect(fates.map((fate) => [fate.kind, fate.run?.state, fate.run?.rows_loaded])).toEqual([
      ['loaded', 'TRANSFORMED', 3],
      ['loaded', 'TRANSFORMED', 4],
    ]);
    expect([await rowsTagged(world, 'AAAAAA'), await rowsTagged(world, 'BBBBBB')]).toEqual([3, 4]);
    const stamped = await world.query(
      `select count(*) from rdsftetl.dc_x_pa_flavor where file_name = '${name}'`,
    );
    expect(Number(stamped.rows[0]?.[0])).toBe(7);
  });

  it('fails each into its own error archive folder, so neither archived copy overwrites the other', async () => {
    const name = flavorFileName(`TWINBAD${target.slice(0, 2)}`);
    // Trailers that miscount: both fail validation, in the same second when the two invocations run together.
    const bodies = { a: flavorFile('AAAAAA', 3, 1), b: flavorFile('BBBBBB', 4, 1) };
    const events = await Promise.all([
      world.upload(`a/${name}`, bodies.a),
      world.upload(`b/${name}`, bodies.b),
    ]);
    await Promise.all(events.map((event) => world.deliver(event)));
    await world.idle();

    const fates = await assertNothingLost(world.runtime(), [
      `external_input/a/${name}`,
      `external_input/b/${name}`,
    ]);
    expect(fates.map((fate) => fate.kind)).toEqual(['failed', 'failed']);
    const [first, second] = fates.map((fate) => (fate.kind === 'failed' ? fate.archiveKey : ''));
    expect(first?.startsWith(`archive/error/a/${name}_`)).toBe(true);
    expect(second?.startsWith(`archive/error/b/${name}_`)).toBe(true);
    expect(await text(await world.store.get(first ?? ''))).toBe(bodies.a);
    expect(await text(await world.store.get(second ?? ''))).toBe(bodies.b);
  });
});
