// Appends the local runtime's EMF records to the workspace's metrics file, one line each, synchronously.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Synchronous like Lambda's stdout: a record is on disk before the next step starts. */
export function metricsFileWriter(file: string): (line: string) => void {
  let ready = false;
  return (line) => {
    if (!ready) {
      mkdirSync(dirname(file), { recursive: true });
      ready = true;
    }
    appendFileSync(file, line);
  };
}
