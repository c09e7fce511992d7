// The one COPY … FROM statement both drivers run: from STDIN on a server, from PGlite's /dev/blob device embedded.
import type { CopyTarget } from './warehouse-connection.js';

export type CopySource = 'stdin' | 'blob';

export function copyStatement(target: CopyTarget, source: CopySource): string {
  const from = source === 'stdin' ? 'stdin' : "'/dev/blob'";
  const delimiter =
    target.delimiter === undefined ? '' : `, delimiter '${target.delimiter.replaceAll("'", "''")}'`;
  return `copy ${target.table} (${target.columns}) from ${from} with (format ${target.format}${delimiter})`;
}
