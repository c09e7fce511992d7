// Ferry's error hierarchy: terminal errors are recorded and stop a run; transient ones are rethrown so Lambda retries.

export interface ErrorContext {
  runId?: string;
  bucket?: string;
  key?: string;
  ruleId?: number;
  /** The interface a file belongs to when no usable rule is (a broken rule, or several rules of one interface). */
  interfaceId?: string;
  statementId?: string;
}

export interface FerryErrorOptions extends ErrorOptions {
  context?: ErrorContext;
}

export class FerryError extends Error {
  readonly context: ErrorContext;

  constructor(message: string, options: FerryErrorOptions = {}) {
    super(message, options);
    this.name = 'FerryError';
    this.context = options.context ?? {};
  }
}

/** Bad data, bad config, unsupported format: audit FAILED and stop. Retrying cannot help. */
export class TerminalError extends FerryError {
  constructor(message: string, options?: FerryErrorOptions) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

/** A config row that cannot be turned into a rule; names the sid and the field. */
export class ConfigError extends TerminalError {
  readonly sid: number | undefined;
  readonly field: string | undefined;

  constructor(message: string, details: { sid?: number; field?: string } = {}, options?: FerryErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
    this.sid = details.sid;
    this.field = details.field;
  }
}

/** A file that fails validation (size, extension, trailer, header, archive). */
export class ValidationError extends TerminalError {
  constructor(message: string, options?: FerryErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

/** Connection loss, throttling, timeouts: rethrow so the platform retries. */
export class TransientError extends FerryError {
  constructor(message: string, options?: FerryErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
