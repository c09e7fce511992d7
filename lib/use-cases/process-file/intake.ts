// Which S3 records the processing function leaves alone, and why (one log line each, no ledger row).
import type { S3ObjectReference } from '../../core/events/s3-event.js';

/** Why a record is not processed, or undefined when it is a file to process. */
export function skipReason(
  object: S3ObjectReference,
  settings: { inputPrefix: string },
  bucket: string,
): string | undefined {
  if (object.bucket !== bucket) return `expected bucket ${bucket}, found ${object.bucket}`;
  if (!object.key.startsWith(settings.inputPrefix)) {
    return `expected a key under ${settings.inputPrefix}, found one outside it`;
  }
  if (object.key.endsWith('/')) return 'expected a file, found a folder marker';
  if (object.key.length === settings.inputPrefix.length)
    return 'expected a file, found the input folder itself';
  return undefined;
}
