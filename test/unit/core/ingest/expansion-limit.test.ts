import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/core/errors.js';
import { flavorRule } from '../../../support/sample-rules.js';
import { prepare, rejection, storeWith } from './prepare-fixtures.js';

// Small bombs: 20 MB of newlines gzip to about 20 kB (about 1000:1); 50 MB of zeros bzip2 to 81 bytes. Any file may
// expand to 16 MiB, so each goes past that.
const newlines = Buffer.alloc(20_000_000, 0x0a);
const floor = 16 * 1024 * 1024;

describe('the expansion limit on compressed input', () => {
  it('fails a gzip bomb while it is decompressed, saying how far it may expand and that it went further', async () => {
    const key = 'external_input/x_527.txt.gz';
    const bomb = gzipSync(newlines);
    const store = await storeWith(key, bomb);
    const error = await rejection(prepare(store, key, flavorRule({ compression: 'gzip' })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      `expected at most ${floor} bytes once decompressed (max_expansion_ratio 100 × ${bomb.length} compressed ` +
        `bytes, at least ${floor}), found more than ${floor}: a decompression bomb, or a file that needs a higher ` +
        'max_expansion_ratio on its rule',
    );
    expect(store.keys('processing/')).toEqual([]);
  });

  it("takes the rule's max_expansion_ratio over the setting's", async () => {
    const key = 'external_input/x_527.txt.gz';
    const store = await storeWith(key, gzipSync(newlines));
    const setting = await rejection(
      prepare(store, key, flavorRule({ compression: 'gzip' }), { maxExpansionRatio: 10 }),
    );
    expect(setting.message).toMatch(
      /^expected at most \d+ bytes once decompressed \(max_expansion_ratio 10 /,
    );
    // Allowed to expand, the file then fails for what it is: no trailer.
    const rule = flavorRule({ compression: 'gzip', maxExpansionRatio: 5000 });
    const past = await rejection(prepare(store, key, rule, { maxExpansionRatio: 10 }));
    expect(past.message).toBe('expected a trailer line, found no non-blank line in the file');
  });

  it('fails a bzip2 bomb after its first block, never holding the whole expansion', async () => {
    const key = 'external_input/x_527.txt.bz2';
    const bomb = execFileSync('sh', ['-c', 'head -c 50000000 /dev/zero | bzip2 -c']);
    const store = await storeWith(key, bomb);
    const error = await rejection(prepare(store, key, flavorRule({ compression: 'bzip2' })));
    expect(error.message).toMatch(
      new RegExp(
        `^expected at most ${floor} bytes once decompressed \\(max_expansion_ratio 100 × ${bomb.length} `,
      ),
    );
  });
});
