// Shared setup for the prepareFile tests: sample files, an in-memory store and a way to run one preparation.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { ValidationError } from '../../../../lib/core/errors.js';
import { prepareFile } from '../../../../lib/core/ingest/prepare-file.js';
import type { PrepareInput } from '../../../../lib/core/ingest/prepare-types.js';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import { MemoryObjectStore } from '../../../support/memory-object-store.js';

export const now = new Date('2024-01-02T10:11:12Z');

export function sample(name: string): Buffer {
  return readFileSync(new URL(`../../../../sql/samples/files/${name}`, import.meta.url));
}

export function bzip2(bytes: Buffer): Buffer {
  return execFileSync('bzip2', ['-c'], { input: bytes });
}

export function text(bytes: Buffer | undefined, gzip = false): string {
  if (!bytes) throw new Error('expected an object');
  return (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
}

export async function storeWith(key: string, body: Buffer | string, chunkSize?: number, reuseBuffer = false) {
  const store = new MemoryObjectStore('ferry-test', { chunkSize, reuseBuffer });
  await store.put(key, body);
  store.puts.length = 0;
  return store;
}

export function prepare(
  store: MemoryObjectStore,
  key: string,
  rule: Rule,
  extra: Partial<PrepareInput> = {},
) {
  return prepareFile({
    store,
    key,
    rule,
    runId: 'run-1',
    processingPrefix: 'processing/',
    inputPrefix: 'external_input/',
    now,
    ...extra,
  });
}

export async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  try {
    await promise;
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected the preparation to fail');
}
