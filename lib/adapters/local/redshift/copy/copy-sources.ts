// Finds the objects a COPY reads (a key prefix, as Redshift does, or a manifest) and opens them decompressed.
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';
import { TerminalError } from '../../../../core/errors.js';
import { bunzip2 } from '../../../../core/ingest/bunzip2.js';
import type { ObjectStore } from '../../../../ports/object-store.js';
import { UnsupportedConstructError } from '../unsupported.js';
import type { CopyCommand } from './copy-command.js';
import { type JsonPath, readJsonPathsFile } from './json-paths.js';

export interface CopySource {
  url: string;
  key: string;
}

const MANIFEST_LIMIT = 16 * 1024 * 1024;

export function parseS3Url(url: string, bucket: string): string {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  if (!match) throw new TerminalError(`COPY source: expected 's3://bucket/key', found '${url}'`);
  if (match[1] !== bucket) {
    throw new TerminalError(
      `COPY source: the local stand-in serves bucket '${bucket}', found '${match[1]}' in '${url}'`,
    );
  }
  return match[2] as string;
}

export async function resolveSources(
  store: ObjectStore,
  bucket: string,
  command: CopyCommand,
): Promise<CopySource[]> {
  const key = parseS3Url(command.source, bucket);
  if (command.manifest) return readManifest(store, bucket, key);
  const sources: CopySource[] = [];
  for await (const info of store.list(key))
    sources.push({ url: `s3://${bucket}/${info.key}`, key: info.key });
  if (sources.length === 0) throw new TerminalError(`The specified S3 prefix '${key}' does not exist`);
  return sources.sort((a, b) => a.key.localeCompare(b.key));
}

async function readManifest(store: ObjectStore, bucket: string, key: string): Promise<CopySource[]> {
  if (!(await store.head(key))) throw new TerminalError(`Manifest file '${key}' does not exist`);
  const text = await readSmallText(await store.get(key), MANIFEST_LIMIT);
  let manifest: { entries?: { url?: unknown; mandatory?: unknown }[] };
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new TerminalError(`Manifest '${key}' is not valid JSON`);
  }
  if (!Array.isArray(manifest.entries))
    throw new TerminalError(`Manifest '${key}': expected an "entries" array`);
  const sources: CopySource[] = [];
  for (const entry of manifest.entries) {
    if (typeof entry.url !== 'string')
      throw new TerminalError(`Manifest '${key}': expected each entry to have a "url"`);
    const entryKey = parseS3Url(entry.url, bucket);
    if (await store.head(entryKey)) sources.push({ url: entry.url, key: entryKey });
    else if (entry.mandatory === true) {
      throw new TerminalError(`Manifest file is missing a mandatory entry: '${entry.url}' does not exist`);
    }
  }
  return sources;
}

export async function readSmallText(stream: Readable, limit: number, what = 'Manifest'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TerminalError(`${what} larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSONPaths file's expressions, or undefined when Redshift would read the file as 'auto'. */
export async function readJsonPaths(
  store: ObjectStore,
  bucket: string,
  url: string,
): Promise<JsonPath[] | undefined> {
  const key = parseS3Url(url, bucket);
  if (!(await store.head(key))) throw new TerminalError(`JSONPaths file '${url}' does not exist`);
  return readJsonPathsFile(await readSmallText(await store.get(key), MANIFEST_LIMIT, 'JSONPaths file'), url);
}

export async function openSource(
  store: ObjectStore,
  source: CopySource,
  command: CopyCommand,
): Promise<Readable> {
  if (command.compression === 'lzop') {
    throw new UnsupportedConstructError(`${command.compression.toUpperCase()} (not supported locally)`);
  }
  const body = await store.get(source.key);
  if (command.compression === 'none') return body;
  // Block by block, as fast as the rows are read: a bzip2 bomb must not expand in memory.
  if (command.compression === 'bzip2') return bunzip2(body);
  // ZSTD: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html
  const decoder = command.compression === 'zstd' ? createZstdDecompress() : createGunzip();
  // pipeline destroys the output with any decompression error so the reader sees it.
  const out = new PassThrough();
  pipeline(body, decoder, out, () => {});
  return out;
}
