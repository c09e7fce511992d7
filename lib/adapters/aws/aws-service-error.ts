// Turns an AWS SDK failure into Ferry's terminal/transient split; shared by every AWS adapter.
import {
  type ErrorContext,
  errorMessage,
  type FerryError,
  TerminalError,
  TransientError,
} from '../../core/errors.js';

/** Error names that mean "busy or briefly unavailable": retrying later can succeed. */
export const transientErrorNames = [
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalError',
  'InternalServiceError',
  'InternalFailure',
  'InternalServerException',
  'ServiceUnavailableException',
  'RequestLimitExceeded',
  // Redshift Data API: the cluster or the service is busy.
  'DatabaseConnectionException',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ActiveWaitingRequestsExceededException',
  'TimeoutError',
] as const;

/** Failures below HTTP: no answer at all. */
export const networkErrorCodes = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
] as const;

interface ServiceErrorShape {
  name?: string;
  code?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** True for failures the SDK or the network produced, as opposed to e.g. a caller's body stream failing. */
export function isAwsFailure(error: unknown): boolean {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape;
  return (
    shape.$metadata !== undefined ||
    shape.$fault !== undefined ||
    (transientErrorNames as readonly string[]).includes(shape.name ?? '') ||
    (networkErrorCodes as readonly string[]).includes(shape.code ?? '')
  );
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as ServiceErrorShape | null)?.$metadata?.httpStatusCode;
}

/** `action` says what Ferry was doing, e.g. `S3 CopyObject of s3://bucket/key`. */
export function toFerryError(error: unknown, action: string, context: ErrorContext = {}): FerryError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape;
  const name = shape.name ?? 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const transient =
    (transientErrorNames as readonly string[]).includes(name) ||
    (networkErrorCodes as readonly string[]).includes(shape.code ?? '') ||
    shape.$retryable !== undefined ||
    shape.$fault === 'server' ||
    (status !== undefined && (status >= 500 || status === 429 || status === 408));
  const message = `${action} failed: ${name}: ${errorMessage(error)}`;
  const options = { cause: error, context };
  return transient ? new TransientError(message, options) : new TerminalError(message, options);
}
