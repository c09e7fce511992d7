// Load in CI: 500 small files dropped in 5 bursts all load, with memory and database connections bounded.
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/watch-load.js';
import { runtimeTargets } from '../support/local-runtime.js';

const FILES = 500;

describe.each(runtimeTargets)('load on %s', (target) => {
  it('loads 500 files dropped in 5 bursts, each once, within 300 MB more memory and a fixed number of connections', async () => {
    const figures = await runLoad(target, FILES, 5);
    console.info(`watch load ${JSON.stringify(figures)}`);

    expect([figures.loaded, figures.failed, figures.rows]).toEqual([FILES, 0, FILES * 2]);
    expect(figures.peakRssMb - figures.startRssMb).toBeLessThan(300);
    // The config pool (5) and the stand-in's pool (4), plus a connection or two being replaced.
    if (target === 'postgres') expect(figures.peakConnections).toBeLessThanOrEqual(11);
  }, 300_000);
});
