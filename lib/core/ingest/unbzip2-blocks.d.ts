// Types of the block decoder inside unbzip2-stream, which Ferry drives one block at a time (bunzip2.ts).
declare module 'unbzip2-stream/lib/bzip2.js' {
  type BitReader = import('unbzip2-stream/lib/bit_iterator.js').BitReader;
  const bzip2: {
    /** Reads the stream header; returns the block size in 100 kB units. */
    header(bits: BitReader): number;
    /** Decodes one block, handing each byte to `stream`; returns the running CRC, or null at the end of the stream. */
    decompress(
      bits: BitReader,
      stream: (byte: number) => void,
      buf: Int32Array,
      bufsize: number,
      streamCRC: number | null,
    ): number | null;
  };
  export default bzip2;
}

declare module 'unbzip2-stream/lib/bit_iterator.js' {
  export interface BitReader {
    (bits: number | null): number;
    bytesRead: number;
  }
  export default function bitIterator(nextBuffer: () => Buffer | undefined): BitReader;
}
