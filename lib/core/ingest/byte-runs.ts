// Copies runs of bytes between buffers: long runs natively, short ones (most are a line or two) by a word loop.

/** Longer runs are copied natively; shorter ones by a loop that costs no call into the runtime. */
const longRunBytes = 512;

export interface ByteView {
  bytes: Buffer;
  words: DataView;
}

export function viewOf(bytes: Buffer): ByteView {
  return { bytes, words: new DataView(bytes.buffer, bytes.byteOffset, bytes.length) };
}

/** Copies `from[start, end)` into `to` at `at` (which must have room); returns where the copy ends. */
export function copyRun(from: ByteView, start: number, end: number, to: ByteView, at: number): number {
  if (end - start > longRunBytes) return at + from.bytes.copy(to.bytes, at, start, end);
  let i = start;
  let o = at;
  for (; end - i >= 4; i += 4, o += 4) to.words.setUint32(o, from.words.getUint32(i));
  while (i < end) to.bytes[o++] = from.bytes[i++]!;
  return o;
}
