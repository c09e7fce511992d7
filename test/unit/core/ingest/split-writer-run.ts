// Drives a SplitWriter as prepareFile does (write, then wait for the sinks) into an in-memory store.
import { ObjectSink } from '../../../../lib/core/ingest/object-sink.js';
import { SplitWriter } from '../../../../lib/core/ingest/split-writer.js';
import { MemoryObjectStore } from '../../../support/memory-object-store.js';

export interface SplitResult {
  /** Per code, in the order its first line came: the object's text and its record count. */
  parts: Array<{ code: string; text: string; records: number }>;
  dropped: number;
  droppedSample: string[];
}

export async function runSplit(codes: string[], writes: Array<string | Buffer>): Promise<SplitResult> {
  const store = new MemoryObjectStore();
  const writer = new SplitWriter({ codes, open: (code) => new ObjectSink(store, `part-${code}`, false) });
  for (const lines of writes) {
    writer.write(Buffer.from(lines));
    await writer.ready();
  }
  const sinks = [...writer.sinks.entries()];
  await Promise.all(sinks.map(([, sink]) => sink.finish()));
  return {
    parts: sinks.map(([code, sink]) => ({
      code,
      text: store.bytes(sink.key)!.toString('utf8'),
      records: sink.records,
    })),
    dropped: writer.dropped,
    droppedSample: writer.droppedSample,
  };
}
