// The error both object stores throw when a key that must exist does not (S3's NoSuchKey).
import { type ErrorContext, TerminalError } from '../errors.js';

export class ObjectNotFoundError extends TerminalError {
  constructor(bucket: string, key: string, context: ErrorContext = {}) {
    super(`expected object s3://${bucket}/${key} to exist, found no such key`, {
      context: { ...context, bucket, key },
    });
    this.name = 'ObjectNotFoundError';
  }
}
