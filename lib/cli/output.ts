// Writes command results for people (aligned text tables) or for programs (`--json`).
import type { ProgressStream } from './progress.js';

export interface OutputWriter {
  /** Results: what a script would pipe on. */
  out(text: string): void;
  /** Diagnostics and errors. */
  err(text: string): void;
  /** Where a progress line may be drawn (stderr); drawn only when it is a terminal. */
  progress?: ProgressStream;
}

export const processOutput: OutputWriter = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  progress: process.stderr,
};

/** Renders one cell: null as empty, dates as ISO, objects as compact JSON. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An aligned plain-text table with a header line; newlines in cells are shown as `\n`. */
export function formatTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column]).replaceAll('\n', '\\n')));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((line) => line[i]!.length)));
  const render = (line: readonly string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [render(columns), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)].join('\n');
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
