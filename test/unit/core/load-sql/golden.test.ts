// Golden files: the exact SQL of every COPY variant and load batch. Set UPDATE_GOLDEN=1 to rewrite them, then review the diff.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { goldenCases } from './golden-cases.js';

const goldenPath = (name: string) => new URL(`./golden/${name}.sql`, import.meta.url);

describe('golden SQL', () => {
  it.each(Object.keys(goldenCases))('%s matches its golden file', async (name) => {
    const actual = `${goldenCases[name]!()}\n`;
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(goldenPath(name), actual);
    expect(actual).toBe(await readFile(goldenPath(name), 'utf8'));
  });
});
