// The logger: pino JSON, synchronous (Lambda may freeze before an async transport flushes), secrets redacted.
import { type DestinationStream, pino } from 'pino';
import type { Logger } from '../ports/logger.js';

/** Field paths that can hold a secret; pino replaces their values before a line is written. */
export const redactedPaths = [
  'password',
  'secret',
  'secretString',
  'connectionString',
  'databaseUrl',
  'warehouseUrl',
  '*.password',
  '*.secret',
  '*.secretString',
  '*.connectionString',
  '*.databaseUrl',
  '*.warehouseUrl',
  'settings.*.password',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ferry' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // `err` fields keep the stack and the `cause` chain (as nested objects), not just the message.
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}
