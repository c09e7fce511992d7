// The local runtime's metrics file: where its EMF records are appended, and reading them back for `ferry stats`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the local runtime appends its EMF metric records in a workspace. */
export function metricsFile(workspace: string): string {
  return join(workspace, 'metrics.jsonl');
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
