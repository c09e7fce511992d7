// FORMAT AS PARQUET: one row group at a time, each file column loaded into the target column at the same position,
// as Redshift's columnar COPY maps them (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-columnar.html).
import { brotliDecompressSync, gunzipSync, zstdDecompressSync } from 'node:zlib';
import { type AsyncBuffer, type Compressors, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { errorMessage, TerminalError } from '../../../../core/errors.js';
import type { ObjectStore } from '../../../../ports/object-store.js';
import type { TargetColumn } from './column-types.js';
import type { CopySource } from './copy-sources.js';
import type { RawRecord } from './raw-record.js';

/** Page codecs beyond hyparquet's own Snappy, from Node's zlib. */
const compressors: Compressors = {
  GZIP: (input) => gunzipSync(input),
  ZSTD: (input) => zstdDecompressSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

export async function* parquetRecords(
  store: ObjectStore,
  source: CopySource,
  columns: readonly TargetColumn[],
): AsyncGenerator<RawRecord> {
  const info = await store.head(source.key);
  if (!info) throw new TerminalError(`The specified S3 object '${source.url}' does not exist`);
  const file = storeBuffer(store, source.key, info.size);
  const metadata = await parquetMetadataAsync(file).catch((error: unknown) => {
    throw new TerminalError(`'${source.url}' is not a Parquet file: ${errorMessage(error)}`, {
      cause: error,
    });
  });
  const fileColumns = metadata.schema[0]?.num_children ?? 0;
  if (fileColumns !== columns.length) {
    throw new TerminalError(
      `Parquet file '${source.url}' has ${fileColumns} columns, the target has ${columns.length}: ` +
        'columnar COPY loads columns by position and needs as many in the file as in the table',
    );
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: unknown[][] = [];
    await parquetRead({
      file,
      metadata,
      rowStart,
      rowEnd,
      compressors,
      onComplete: (read) => {
        rows = read;
      },
    });
    for (const [index, row] of rows.entries()) {
      yield {
        lineNumber: rowStart + index + 1,
        rawLine: '',
        fields: row.map((value, at) => fieldText(value, columns[at] as TargetColumn)),
      };
    }
    rowStart = rowEnd;
  }
}

/** Typed Parquet values as the text the stand-in's field checks read; dates and timestamps in ISO form. */
function fieldText(value: unknown, column: TargetColumn): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return column.kind === 'date' ? iso.slice(0, 10) : iso.slice(0, -1).replace('T', ' ');
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'object') {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
  }
  return String(value);
}

/**
 * The object as hyparquet's random-access buffer. The port streams whole objects, so a slice reads up to its end and
 * keeps only its own bytes: memory stays at one column chunk, at the cost of re-reading the object's start.
 */
function storeBuffer(store: ObjectStore, key: string, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const out = new Uint8Array(Math.max(0, end - start));
      let offset = 0;
      const body = await store.get(key);
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          const chunkEnd = offset + chunk.length;
          if (chunkEnd > start) {
            const from = Math.max(0, start - offset);
            const to = Math.min(chunk.length, end - offset);
            out.set(chunk.subarray(from, to), offset + from - start);
          }
          offset = chunkEnd;
          if (offset >= end) break;
        }
      } finally {
        body.destroy();
      }
      return out.buffer;
    },
  };
}
