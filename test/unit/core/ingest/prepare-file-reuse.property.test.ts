import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import type { MemoryObjectStore } from '../../../support/memory-object-store.js';
import { claimsParentRule, flavorRule } from '../../../support/sample-rules.js';
import { prepare, storeWith } from './prepare-fixtures.js';

// Fields of ASCII and 2-, 3- and 4-byte UTF-8, so a chunk's end falls inside lines and inside characters.
const field = fc
  .array(fc.constantFrom('a', 'Z', '7', ' ', 'é', '€', '😀'), { maxLength: 14 })
  .map((chars) => chars.join(''));
const line = fc.tuple(fc.constantFrom('H1', 'D1', 'X9'), field).map(([code, rest]) => `${code}|${rest}`);
const shape = fc.record({
  lines: fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 80 }),
  chunkSize: fc.integer({ min: 1, max: 64 }),
  parts: fc.integer({ min: 1, max: 4 }),
  gzipOutput: fc.boolean(),
  gzipInput: fc.boolean(),
  split: fc.boolean(),
});

/** Every object the preparation wrote, by key, with the preparation's own figures. */
async function outcome(file: Buffer, chunkSize: number, reuseBuffer: boolean, rule: Rule) {
  const key = `external_input/C_${rule.token}.txt${rule.compression === 'gzip' ? '.gz' : ''}`;
  const store: MemoryObjectStore = await storeWith(key, file, chunkSize, reuseBuffer);
  const prepared = await prepare(store, key, rule);
  const written = Object.fromEntries(
    store.keys('processing/').map((k) => [k, store.bytes(k)!.toString('base64')] as const),
  );
  const parts = Object.fromEntries(
    store.keys('external_input/').map((k) => [k, store.bytes(k)!.toString('base64')] as const),
  );
  return { prepared, written, parts };
}

describe('prepareFile through reused buffers', () => {
  it('writes byte for byte what it writes from fresh buffers: split parts, cut parts, gzip in or out', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async ({ lines, chunkSize, parts, gzipOutput, gzipInput, split }) => {
        const body = lines.map(([text, end]) => `${text}${end}`).join('');
        const plain = Buffer.from(`${body}TRL${String(lines.length).padStart(10, '0')}\n`, 'utf8');
        const file = gzipInput ? gzipSync(plain) : plain;
        const compression = gzipInput ? 'gzip' : 'none';
        const output = { compression: gzipOutput ? 'gzip' : 'none', parts } as const;
        const rule = split
          ? claimsParentRule({ compression })
          : flavorRule({ compression, output, token: '527' });
        const reused = await outcome(file, chunkSize, true, rule);
        expect(reused).toEqual(await outcome(file, chunkSize, false, rule));
        // Something was written: a split whose every line is of an unlisted code writes no part.
        const writes = !split || lines.some(([text]) => !text.startsWith('X9'));
        expect(Object.keys(reused.written).length > 0).toBe(writes);
      }),
      { numRuns: 200 },
    );
  });
});
