// The log of the pipeline a command drives. A command prints its own results, so by default only errors reach the
// terminal, as sentences; `--verbose` or LOG_LEVEL shows the pipeline's JSON lines as the functions write them.
import { createLogger } from '../adapters/pino-logger.js';
import type { Logger } from '../ports/logger.js';
import type { OutputWriter } from './output.js';
import type { Environment } from './workspace.js';

export interface LogChoice {
  env: Environment;
  verbose: boolean;
  output: OutputWriter;
}

export function cliLogger({ env, verbose, output }: LogChoice): Logger {
  if (verbose || env.LOG_LEVEL) {
    const destination = { write: (line: string) => output.err(line) };
    try {
      return createLogger({ level: env.LOG_LEVEL ?? 'info', destination });
    } catch {
      // An unknown LOG_LEVEL: reading the settings reports it with the allowed values.
      return createLogger({ level: 'info', destination });
    }
  }
  return createLogger({
    level: 'error',
    destination: { write: (line: string) => output.err(sentence(line)) },
  });
}

/** `ferry: local pipeline step failed (external_input/a.txt): connection refused` from one JSON log line. */
function sentence(line: string): string {
  const entry = JSON.parse(line) as { msg?: string; key?: string; what?: string; err?: { message?: string } };
  const subject = entry.key ?? entry.what;
  return `ferry: ${entry.msg ?? 'error'}${subject ? ` (${subject})` : ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
}
