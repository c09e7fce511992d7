// Redshift COPY manifests: the JSON that names exactly the objects one COPY loads (a bare prefix would load more).
import { ConfigError } from '../errors.js';

export interface ManifestEntry {
  url: string;
  mandatory: boolean;
  /** Bytes; Redshift requires it for Parquet and ORC, ignores it for text formats. */
  meta?: { content_length: number };
}

export interface Manifest {
  entries: ManifestEntry[];
}

/** S3 bucket naming rules (general purpose buckets): 3–63 lower-case letters, digits, dots and hyphens. */
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function s3Url(bucket: string, key: string): string {
  if (!bucketPattern.test(bucket)) {
    throw new ConfigError(
      `expected an S3 bucket name (3-63 of a-z, 0-9, '.', '-'), found ${JSON.stringify(bucket)}`,
    );
  }
  if (key.length === 0 || key.endsWith('/')) {
    throw new ConfigError(`expected an object key, found ${JSON.stringify(key)}`);
  }
  return `s3://${bucket}/${key}`;
}

/**
 * The manifest for `keys` in `bucket`, every entry mandatory so a missing part fails the COPY instead of
 * loading less. Pass `sizes` (same order as `keys`) for Parquet/ORC, where `content_length` is required.
 */
export function buildManifest(bucket: string, keys: readonly string[], sizes?: readonly number[]): string {
  if (keys.length === 0)
    throw new ConfigError('expected at least one object key for the manifest, found none');
  if (sizes && sizes.length !== keys.length) {
    throw new ConfigError(`expected ${keys.length} sizes for the manifest, found ${sizes.length}`);
  }
  if (new Set(keys).size !== keys.length) throw new ConfigError('expected distinct keys in the manifest');
  const entries = keys.map((key, index): ManifestEntry => {
    const entry: ManifestEntry = { url: s3Url(bucket, key), mandatory: true };
    const size = sizes?.[index];
    if (size !== undefined) {
      if (!Number.isSafeInteger(size) || size < 0) {
        throw new ConfigError(`expected a byte count for ${key}, found ${size}`);
      }
      entry.meta = { content_length: size };
    }
    return entry;
  });
  return JSON.stringify({ entries } satisfies Manifest);
}

/** Reads a manifest back (the local warehouse stand-in and tests use it); throws on anything else. */
export function parseManifest(
  text: string,
): Array<{ bucket: string; key: string; mandatory: boolean; size?: number }> {
  const parsed = JSON.parse(text) as Partial<Manifest>;
  if (!parsed || !Array.isArray(parsed.entries)) {
    throw new ConfigError('expected a manifest with an "entries" array');
  }
  return parsed.entries.map((entry) => {
    const match = typeof entry?.url === 'string' ? /^s3:\/\/([^/]+)\/(.+)$/.exec(entry.url) : null;
    if (!match)
      throw new ConfigError(`expected an s3://bucket/key url in the manifest, found ${String(entry?.url)}`);
    const size = entry.meta?.content_length;
    return {
      bucket: match[1]!,
      key: match[2]!,
      mandatory: entry.mandatory === true,
      ...(size === undefined ? {} : { size }),
    };
  });
}
