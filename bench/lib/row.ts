// One line of the results table: a Ferry operation beside its baseline, both medians of the same run.
import { median, type Sample } from './measure.js';

export interface Row {
  operation: string;
  baseline: string;
  /** Input size in bytes (uncompressed bytes for the gzip CSV). */
  sizeBytes: number;
  /** Size label as asked for, e.g. `100 MB`. */
  size: string;
  ferrySeconds: number;
  baselineSeconds: number | undefined;
  /** CPU seconds (user + system): steadier than wall time when other work shares the machine. */
  ferryCpu: number;
  baselineCpu: number | undefined;
  ferryRssMb: number;
  baselineRssMb: number | undefined;
  runs: number;
  note?: string;
}

export function rowOf(
  operation: string,
  baseline: string,
  size: { label: string; bytes: number },
  ferry: Sample[],
  base: Sample[],
  note?: string,
): Row {
  const row: Row = {
    operation,
    baseline,
    sizeBytes: size.bytes,
    size: size.label,
    ferrySeconds: median(ferry.map((s) => s.seconds)),
    baselineSeconds: base.length ? median(base.map((s) => s.seconds)) : undefined,
    ferryCpu: median(ferry.map((s) => s.cpuSeconds)),
    baselineCpu: base.length ? median(base.map((s) => s.cpuSeconds)) : undefined,
    ferryRssMb: Math.max(...ferry.map((s) => s.maxRssMb)),
    baselineRssMb: base.length ? Math.max(...base.map((s) => s.maxRssMb)) : undefined,
    runs: ferry.length,
  };
  if (note) row.note = note;
  return row;
}

export const ratio = (row: Row) =>
  row.baselineSeconds === undefined ? undefined : row.ferrySeconds / row.baselineSeconds;
