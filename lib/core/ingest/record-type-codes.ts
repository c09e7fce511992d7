// Which record-type code a line starts with: a table by first byte, so most lines cost one lookup and a byte compare.
import { ConfigError } from '../errors.js';

interface Candidate {
  /** Position in the codes the table was built from. */
  index: number;
  bytes: Buffer;
}

export class RecordTypeCodes {
  /** Codes by their first byte, longest first, so `H12` wins over `H1` for a line starting `H12`. */
  private readonly byFirstByte: (Candidate[] | undefined)[] = new Array(256).fill(undefined);

  constructor(readonly codes: readonly string[]) {
    if (codes.some((code) => code === '') || new Set(codes).size !== codes.length) {
      throw new ConfigError(`split codes should be distinct and non-empty, found [${codes.join(', ')}]`);
    }
    const candidates = codes
      .map((code, index) => ({ index, bytes: Buffer.from(code) }))
      .sort((a, b) => b.bytes.length - a.bytes.length);
    for (const candidate of candidates) {
      const first = candidate.bytes[0]!;
      const same = this.byFirstByte[first];
      if (same) same.push(candidate);
      else this.byFirstByte[first] = [candidate];
    }
  }

  /** The index of the longest code that `buf[start, end)` starts with, or -1 when it starts with none. */
  match(buf: Buffer, start: number, end: number): number {
    const candidates = this.byFirstByte[buf[start]!];
    if (candidates === undefined) return -1;
    // A byte loop: codes are a few bytes, and a native call per line would cost more than the comparison.
    for (const { index, bytes } of candidates) {
      if (end - start < bytes.length) continue;
      let i = 1;
      while (i < bytes.length && buf[start + i] === bytes[i]) i++;
      if (i === bytes.length) return index;
    }
    return -1;
  }
}
