// COPY on PGlite: it has no STDIN, so the rows go through its /dev/blob device, one bounded batch of whole chunks per
// COPY statement, and memory stays flat however long the stream.
import type { Readable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import { copyStatement } from './copy-statement.js';
import type { CopyTarget } from './warehouse-connection.js';

/**
 * A batch is sent once it holds this many bytes. PGlite reads the whole blob into memory before the COPY reads it
 * (the `blob` query option, https://pglite.dev/docs/api#query-options), so a batch is held about three times over.
 */
export const copyBatchBytes = 4 * 1024 * 1024;

/**
 * Copies `rows` into the target, `batchBytes` or so at a time; resolves with the rows the COPY statements report.
 * The stream's chunks end on row boundaries (the WarehouseSession contract), and so does any run of them: reading a
 * byte stream without a size returns whole buffered chunks joined, never a cut one
 * (https://nodejs.org/api/stream.html#readablereadsize).
 */
export async function copyThroughBlob(
  pglite: Pick<PGlite, 'query'>,
  target: CopyTarget,
  rows: Readable,
  batchBytes = copyBatchBytes,
): Promise<number> {
  // https://pglite.dev/docs/api#dev-blob: COPY … FROM '/dev/blob' reads the blob attached to the query.
  const sql = copyStatement(target, 'blob');
  let batch: Buffer[] = [];
  let batchSize = 0;
  let copied = 0;
  const send = async () => {
    const blob = new Blob(batch as BlobPart[]);
    batch = [];
    batchSize = 0;
    const result = await pglite.query(sql, [], { blob });
    copied += result.affectedRows ?? 0;
  };
  try {
    for await (const chunk of rows) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      batch.push(bytes);
      batchSize += bytes.length;
      if (batchSize >= batchBytes) await send();
    }
    if (batchSize > 0) await send();
  } catch (error) {
    // A failed COPY stops the writer too: it would otherwise wait on a stream nobody reads.
    rows.destroy();
    throw error;
  }
  return copied;
}
