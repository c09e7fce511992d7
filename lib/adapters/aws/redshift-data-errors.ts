// Turns Redshift Data API failures into Ferry's terminal/transient split, keeping the service's own words.
import {
  type ErrorContext,
  errorMessage,
  type FerryError,
  TerminalError,
  TransientError,
} from '../../errors.js';

/** Errors the service raises when it is busy or briefly unable to serve: retrying later can succeed. */
export const retryableErrorNames = [
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerException',
  'DatabaseConnectionException',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ActiveWaitingRequestsExceededException',
  'TimeoutError',
  'RequestTimeout',
] as const;

/** Network-level failures (no HTTP answer at all). */
const networkCodes = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'] as const;

interface ServiceErrorShape {
  name?: string;
  code?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** `operation` names the call (e.g. `DescribeStatement`) so the message says what Ferry was doing. */
export function toFerryError(error: unknown, operation: string, context: ErrorContext = {}): FerryError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape;
  const name = shape.name ?? 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const message = `Redshift Data API ${operation} failed: ${name}: ${errorMessage(error)}`;
  const options = { cause: error, context };
  const transient =
    (retryableErrorNames as readonly string[]).includes(name) ||
    (networkCodes as readonly string[]).includes(shape.code ?? '') ||
    shape.$retryable !== undefined ||
    shape.$fault === 'server' ||
    (status !== undefined && (status >= 500 || status === 429));
  return transient ? new TransientError(message, options) : new TerminalError(message, options);
}
