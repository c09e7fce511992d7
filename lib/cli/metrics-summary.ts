// `ferry stats`: the local runtime's EMF records summed per feed, the way the CloudWatch dashboard shows them.
import type { MetricName } from '../ports/metrics.js';

/** One column per metric: counts and bytes are summed, durations averaged over the records that have them. */
export const statsColumns: ReadonlyArray<{ column: string; metric: MetricName; average?: true }> = [
  { column: 'received', metric: 'FilesReceived' },
  { column: 'loaded', metric: 'FilesLoaded' },
  { column: 'failed', metric: 'FilesFailed' },
  { column: 'duplicate', metric: 'FilesDuplicate' },
  { column: 'retried', metric: 'FilesRetried' },
  { column: 'rows expected', metric: 'RowsExpected' },
  { column: 'rows loaded', metric: 'RowsLoaded' },
  { column: 'rows rejected', metric: 'RowsRejected' },
  { column: 'row mismatches', metric: 'RowCountMismatch' },
  { column: 'bytes', metric: 'BytesReceived' },
  { column: 'upload to loaded s', metric: 'UploadToLoadedSeconds', average: true },
  { column: 'prepare s', metric: 'PrepareSeconds', average: true },
];

export const allFeeds = '(all)';

/** The metric names an EMF record declares in its directives. */
function declaredMetrics(record: Record<string, unknown>): string[] {
  const directives = (record._aws as { CloudWatchMetrics?: Array<{ Metrics?: Array<{ Name: string }> }> })
    ?.CloudWatchMetrics;
  return (directives ?? []).flatMap((directive) => (directive.Metrics ?? []).map((metric) => metric.Name));
}

/** A row per interface, then the `(all)` row; a duration with no record shows as null. */
export async function summarizeMetrics(
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
) {
  const totals = new Map<string, Map<string, { sum: number; count: number }>>();
  const add = (feed: string, name: string, value: number) => {
    const feedTotals = totals.get(feed) ?? new Map<string, { sum: number; count: number }>();
    totals.set(feed, feedTotals);
    const total = feedTotals.get(name) ?? { sum: 0, count: 0 };
    feedTotals.set(name, { sum: total.sum + value, count: total.count + 1 });
  };
  for await (const record of records) {
    const feed = typeof record.interface === 'string' ? record.interface : '(none)';
    for (const name of declaredMetrics(record)) {
      const value = record[name];
      if (typeof value !== 'number') continue;
      add(feed, name, value);
      add(allFeeds, name, value);
    }
  }
  const feeds = [...totals.keys()].filter((feed) => feed !== allFeeds).sort();
  return [...feeds, ...(totals.has(allFeeds) ? [allFeeds] : [])].map((feed) => {
    const feedTotals = totals.get(feed)!;
    const row: Record<string, string | number | null> = { interface: feed };
    for (const { column, metric, average } of statsColumns) {
      const total = feedTotals.get(metric);
      if (average) row[column] = total ? Math.round((total.sum / total.count) * 1000) / 1000 : null;
      else row[column] = total?.sum ?? 0;
    }
    return row;
  });
}
