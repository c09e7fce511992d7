// How far a compressed file may expand: a bomb fails while it is being decompressed, not after the time runs out.
import { ValidationError } from '../errors.js';

/**
 * Expanded bytes allowed per compressed byte when neither the rule (max_expansion_ratio) nor the setting
 * (FERRY_MAX_EXPANSION_RATIO) says otherwise. Delimited text rarely compresses past 20:1; gzip's ceiling is about
 * 1032:1 (a 20 MB file of 20 GiB of newlines), bzip2's far higher (785 bytes to 1 GiB). 100:1 is the zip-bomb
 * threshold Apache POI ships with.
 */
export const defaultMaxExpansionRatio = 100;

/** Any compressed file may expand this far: a small archive of very repetitive records is not a bomb. */
export const expansionFloorBytes = 16 * 1024 * 1024;

export interface ExpansionLimit {
  ratio: number;
  compressedBytes: number;
  /** Decompressed bytes past which the file fails. */
  maxBytes: number;
}

export function expansionLimit(compressedBytes: number, ratio: number): ExpansionLimit {
  return { ratio, compressedBytes, maxBytes: Math.max(ratio * compressedBytes, expansionFloorBytes) };
}

/** Called with the running total while decompressing. */
export function checkExpansion(expandedBytes: number, limit: ExpansionLimit): void {
  if (expandedBytes <= limit.maxBytes) return;
  throw new ValidationError(
    `expected at most ${limit.maxBytes} bytes once decompressed (max_expansion_ratio ${limit.ratio} × ` +
      `${limit.compressedBytes} compressed bytes, at least ${expansionFloorBytes}), found more than ` +
      `${limit.maxBytes}: a decompression bomb, or a ` +
      'file that needs a higher max_expansion_ratio on its rule',
  );
}
