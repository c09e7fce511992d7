// `ferry watch` takes a file only once it is complete: a writer that pauses mid-file, or writes under a temporary name.
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { watchInput } from '../../../lib/cli/commands/watch.js';
import { createCliContext } from '../../../lib/cli/workspace.js';
import { cliTargets, repoRoot } from './cli-targets.js';

const rows = [1, 2, 3, 4, 5, 6].map((id) => `${id}|F${id}|Flavor ${id}|Batch|2024-03-01|1.25|Y\n`);
const trailer = 'TRL0000000006\n';
const paused = 'PROD_20240301_000000001_PA_FLAVOR_527.txt';
const renamed = 'PROD_20240301_000000002_PA_FLAVOR_527.txt';

/** Resolves once `count` lines matching `pattern` have been written. */
function linesMatching(lines: string[], pattern: RegExp, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const look = () => {
      const found = lines.filter((line) => pattern.test(line));
      if (found.length >= count) resolve(found);
      else setTimeout(look, 20);
    };
    look();
  });
}

describe.each(cliTargets)('ferry watch and files still being written on $name', (target) => {
  it('loads all 6 rows of a file whose writer pauses mid-file, and ignores a .part file until it is renamed', async () => {
    const ws = await target.create();
    try {
      expect((await ws.run('init', '--samples')).code).toBe(0);
      const input = join(ws.dir, 'bucket', 'external_input');
      await mkdir(input, { recursive: true });
      const lines: string[] = [];
      const context = createCliContext({
        env: ws.env,
        cwd: repoRoot,
        output: { out: (text) => lines.push(text), err: (text) => lines.push(text) },
        globalOptions: () => ({ workspace: ws.dir }),
      });
      const stop = new AbortController();
      // Looks every 20 ms, takes a file after 2 s unchanged: the old rule (two equal looks) took it after 20 ms.
      const watching = watchInput(context, { concurrency: 2, interval: 20, settle: 2000 }, stop.signal);
      const ended = watching.then(() => Promise.reject(new Error(`watch ended early: ${lines.join('\n')}`)));
      ended.catch(() => {});
      await Promise.race([linesMatching(lines, /^watching external_input\//, 1), ended]);

      await writeFile(join(input, paused), rows.slice(0, 3).join(''));
      await writeFile(join(input, `${renamed}.part`), rows.slice(0, 3).join(''));
      await delay(300);
      await appendFile(join(input, paused), [...rows.slice(3), trailer].join(''));
      await appendFile(join(input, `${renamed}.part`), [...rows.slice(3), trailer].join(''));
      await delay(2500);
      // Still under its temporary name well past the settle time: left alone.
      expect(lines.filter((line) => line.includes(renamed))).toEqual([
        `external_input/${renamed}.part  left alone: a temporary name, taken once renamed`,
      ]);
      await rename(join(input, `${renamed}.part`), join(input, renamed));

      const loaded = await Promise.race([
        linesMatching(lines, /_PA_FLAVOR_527\.txt {2}[A-Z_]+ {2}/, 2),
        ended,
      ]);
      stop.abort();
      await watching;
      expect(loaded.sort()).toEqual([
        expect.stringMatching(
          new RegExp(`^external_input/${paused} {2}TRANSFORMED {2}6 rows {2}audit \\d+$`),
        ),
        expect.stringMatching(
          new RegExp(`^external_input/${renamed} {2}TRANSFORMED {2}6 rows {2}audit \\d+$`),
        ),
      ]);
    } finally {
      await ws.dispose();
    }
  }, 180_000);
});
