// The size check, made from the object's head before anything is read.

import { ValidationError } from '../errors.js';
import type { Rule } from '../rules/rule.js';

/** A rule's `min_size_bytes` wins over the deployment's threshold; an empty file always fails. */
export function checkSize(size: number, rule: Rule, thresholdBytes: number): void {
  if (size === 0) throw new ValidationError('expected a non-empty file, found 0 bytes');
  const minimum = rule.minSizeBytes ?? thresholdBytes;
  if (size < minimum) {
    const source =
      rule.minSizeBytes === undefined ? 'threshold_file_size_bytes' : `rule ${rule.id} min_size_bytes`;
    throw new ValidationError(`expected at least ${minimum} bytes (${source}), found ${size} bytes`);
  }
}
