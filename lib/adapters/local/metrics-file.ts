// The local runtime's metrics: EMF records appended to one file in the workspace, and read back for `ferry stats`.
import { existsSync, readFileSync } from 'node:fs';
import pino from 'pino';

/** A synchronous append (as Lambda's stdout is written), so a record is on disk before the next step starts. */
export function metricsFileWriter(file: string): (line: string) => void {
  let destination: ReturnType<typeof pino.destination> | undefined;
  return (line) => {
    destination ??= pino.destination({ dest: file, sync: true, append: true, mkdir: true });
    destination.write(line);
  };
}

/** Every record in the file, parsed; none when nothing was recorded yet. A line that is not JSON is refused. */
export function readMetricsFile(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(
          `expected an EMF record on line ${index + 1} of ${file}, found text that is not JSON`,
        );
      }
    });
}
