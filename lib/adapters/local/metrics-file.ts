// The local runtime's metrics file: where its EMF records are appended, and reading them back for `ferry stats`.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Where the local runtime appends its EMF metric records in a workspace. */
export function metricsFile(workspace: string): string {
  return join(workspace, 'metrics.jsonl');
}

/** The file's records, parsed a line at a time; none when nothing was recorded yet. A line that is not JSON is refused. */
export async function* readMetricsFile(file: string): AsyncGenerator<Record<string, unknown>> {
  if (!existsSync(file)) return;
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    number += 1;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`expected an EMF record on line ${number} of ${file}, found text that is not JSON`);
    }
  }
}
