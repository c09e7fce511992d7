// Redshift Data API failures, in Ferry's terminal/transient split, named after the operation that failed.
import type { ErrorContext, FerryError } from '../../core/errors.js';
import { toFerryError as toAwsFerryError } from './aws-service-error.js';

/** `operation` names the call (e.g. `DescribeStatement`) so the message says what Ferry was doing. */
export function toFerryError(error: unknown, operation: string, context: ErrorContext = {}): FerryError {
  return toAwsFerryError(error, `Redshift Data API ${operation}`, context);
}
