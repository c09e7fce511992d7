// The metrics each mode records: EMF on stdout in Lambda, the same EMF records in the workspace's file locally.
import { writeSync } from 'node:fs';
import { EmfMetrics } from '../adapters/emf-metrics.js';
import { metricsFileWriter } from '../adapters/local/metrics-file-writer.js';
import type { Logger } from '../ports/logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { LocalPlaces } from './local-parts.js';

/**
 * EMF records on stdout, where the Lambda runtime hands them to CloudWatch Logs, which extracts the metrics. Written
 * synchronously like the log, so a record is not lost when the runtime freezes the container.
 */
export function emfToStdout(namespace: string, log: Logger): Metrics {
  return new EmfMetrics({ namespace, log, write: (line) => writeSync(1, line) });
}

/** Local mode records exactly what Lambda would print, into the workspace's metrics file; none without a place. */
export function localMetrics(places: LocalPlaces, log: Logger): Metrics | undefined {
  if (!places.metrics) return undefined;
  const { file, namespace } = places.metrics;
  return new EmfMetrics({ namespace, log, write: metricsFileWriter(file) });
}
