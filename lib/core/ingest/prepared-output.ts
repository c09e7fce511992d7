// Where the scanned data lines go: a prepared copy cut into parts, or one object per split code.
import type { ObjectStore } from '../../ports/object-store.js';
import { partKey, preparedKey, runFolder, splitPartName } from './file-names.js';
import { ObjectSink } from './object-sink.js';
import { PartWriter } from './part-writer.js';
import type { PreparationPlan } from './plan-preparation.js';
import type { PrepareInput, SplitPart } from './prepare-types.js';
import { recordEndsOf } from './record-ends.js';
import { SplitWriter } from './split-writer.js';

export interface PreparedOutput {
  write(lines: Buffer): void;
  ready(): Promise<void>;
  /** Every object opened so far. */
  sinks(): ObjectSink[];
}

export interface Progress {
  rawBytes: number;
  size: number | undefined;
  compressed: boolean;
  /** Compressed input: the last total extrapolated while the input was still being read. */
  estimate?: number;
}

/** Below this much compressed input read, the decompressed/compressed ratio is too noisy to cut by. */
const ratioWarmupBytes = 1 << 20;

export function partOutput(input: PrepareInput, plan: PreparationPlan, progress: Progress) {
  const { store, key } = input;
  const folder = runFolder(input.processingPrefix, input.runId);
  const writer = new PartWriter({
    parts: plan.parts,
    keyOf: (index) =>
      plan.parts === 1 ? preparedKey(folder, key, plan.gzip) : partKey(folder, key, index, plan.gzip),
    open: (partKeyName) => new ObjectSink(store, partKeyName, plan.gzip),
    expectedBytes: (written) => expectedBytes(written, progress),
    recordEnds: recordEndsOf(input.rule),
  });
  return {
    write: (lines: Buffer) => writer.write(lines),
    ready: () => writer.ready(),
    sinks: () => writer.sinks,
    /** Ends every part; an input without data still yields one (empty) object so COPY has something to load. */
    async finish(): Promise<string[]> {
      writer.openIfNone();
      return writer.finish();
    },
  };
}

export function splitOutput(input: PrepareInput, plan: PreparationPlan, codes: string[]) {
  const { store, key, rule, now } = input;
  const folder = runFolder(input.processingPrefix, input.runId);
  // Parts re-enter the input next to their parent: parents of one name in two folders never share a part's key.
  const inputFolder = key.slice(0, key.lastIndexOf('/') + 1) || input.inputPrefix;
  const names = new Map<string, string>();
  const writer = new SplitWriter({
    codes,
    open: (code) => {
      const name = splitPartName(key, rule.token, code, now, input.timezone ?? 'UTC', plan.gzip);
      names.set(code, name);
      return new ObjectSink(store, folder + name, plan.gzip);
    },
  });
  return {
    write: (lines: Buffer) => writer.write(lines),
    ready: () => writer.ready(),
    sinks: () => [...writer.sinks.values()],
    /**
     * Ends every part, then copies each into the input folder. Parts are released only now, after the parent
     * passed validation: a part in the input folder is processed at once, even if its parent later fails.
     */
    async finish(): Promise<{
      parts: SplitPart[];
      dropped: number;
      droppedSample: string[];
      written: string[];
    }> {
      const sinks = [...writer.sinks.entries()];
      await Promise.all(sinks.map(([, sink]) => sink.finish()));
      const copies = await Promise.allSettled(
        sinks.map(async ([code, sink]) => {
          const target = inputFolder + names.get(code)!;
          await store.copy(sink.key, target);
          return { code, key: target, records: sink.records };
        }),
      );
      const parts = copies.flatMap((copy) => (copy.status === 'fulfilled' ? [copy.value] : []));
      const failed = copies.find((copy) => copy.status === 'rejected');
      if (failed) {
        // All parts or none: take back the ones already released, so a retry of the parent cannot load them twice.
        await Promise.all(parts.map((part) => store.delete(part.key).catch(() => undefined)));
        throw failed.reason;
      }
      return {
        parts: parts.sort((a, b) => codes.indexOf(a.code) - codes.indexOf(b.code)),
        dropped: writer.dropped,
        droppedSample: writer.droppedSample,
        written: sinks.map(([, sink]) => sink.key),
      };
    },
  };
}

/**
 * Uncompressed input: the object's size. Compressed: extrapolated from the ratio seen so far (the decompressor
 * lags the input by about one chunk, so the ratio is trusted only after a warm-up and before the input ends);
 * with no estimate yet, no cut is made. A small compressed file may therefore give fewer parts than asked.
 */
function expectedBytes(written: number, progress: Progress): number {
  const { size, rawBytes, compressed } = progress;
  if (size === undefined) return Number.POSITIVE_INFINITY;
  if (!compressed) return Math.max(size, written);
  if (rawBytes >= ratioWarmupBytes && rawBytes < size) progress.estimate = (written * size) / rawBytes;
  return Math.max(written, progress.estimate ?? Number.POSITIVE_INFINITY);
}

export async function objectSize(store: ObjectStore, key: string, known: number | undefined) {
  return known ?? (await store.head(key))?.size;
}
