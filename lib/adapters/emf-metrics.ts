// The Metrics port as CloudWatch Embedded Metric Format records: one JSON line per event, written where it is told.
import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '../ports/logger.js';
import { type MetricRecord, type Metrics, metricUnits } from '../ports/metrics.js';

export interface EmfMetricsOptions {
  /** The CloudWatch namespace, e.g. `Ferry/prod`. */
  namespace: string;
  /** Receives each record as one line (with its newline): stdout in Lambda, a file locally, an array in tests. */
  write(line: string): void;
  /** Where Powertools' own warnings go (a dimension or timestamp it refuses). */
  log: Logger;
}

/** The `service` dimension Powertools puts in every dimension set. */
export const serviceName = 'ferry';

/**
 * Powertools builds the record (its `serializeMetrics`), this class writes it: Powertools itself prints to a console
 * bound to the process's stdout, which tests could not capture and the local runtime could not send to a file.
 * Each record carries two dimension sets, [service] and [service, interface], so every metric can be read across
 * all feeds (alarms) and per feed (dashboard). Document layout: "Specification: Embedded metric format",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * (the `_aws` metadata object with Timestamp and CloudWatchMetrics directives; each directive's Dimensions is an array
 * of dimension sets whose members and every metric name are top-level members of the same object).
 */
export class EmfMetrics implements Metrics {
  private readonly emf: PowertoolsMetrics;

  constructor(private readonly options: EmfMetricsOptions) {
    const { log } = options;
    this.emf = new PowertoolsMetrics({
      namespace: options.namespace,
      serviceName,
      logger: {
        debug: (message: string) => log.debug({ source: 'powertools' }, message),
        info: (message: string) => log.info({ source: 'powertools' }, message),
        warn: (message: string) => log.warn({ source: 'powertools' }, message),
        error: (message: string) => log.error({ source: 'powertools' }, message),
      },
    });
  }

  record(record: MetricRecord, at: Date): void {
    const { emf } = this;
    try {
      for (const [name, value] of Object.entries(record.values)) {
        if (value === undefined || !Number.isFinite(value)) continue;
        emf.addMetric(name, metricUnits[name as keyof typeof metricUnits], value);
      }
      emf.addDimensions({});
      if (record.interfaceId) emf.addDimensions({ interface: record.interfaceId });
      emf.addMetadata('outcome', record.outcome);
      if (record.runId) emf.addMetadata('runId', record.runId);
      emf.setTimestamp(at);
      const line = JSON.stringify(emf.serializeMetrics());
      this.options.write(`${line}\n`);
    } catch (error) {
      this.options.log.warn({ err: error, outcome: record.outcome }, 'metrics not recorded');
    } finally {
      emf.clearMetrics();
      emf.clearDimensions();
      emf.clearMetadata();
    }
  }
}
