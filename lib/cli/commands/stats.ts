// `ferry stats`: what the local runtime's metrics say, per feed: files, rows, bytes and latency.
import type { Command } from 'commander';
import { metricsFile, readMetricsFile } from '../../adapters/local/metrics-file.js';
import { statsColumns, summarizeMetrics } from '../metrics-summary.js';
import { formatJson, formatTable } from '../output.js';
import type { CliContext } from '../workspace.js';

export function registerStats(program: Command, context: CliContext): void {
  program
    .command('stats')
    .description('sum the metrics the local pipeline recorded (the same EMF records Lambda prints), per feed')
    .option('--raw', 'print the EMF records themselves, one JSON line each')
    .addHelpText('after', '\nExamples:\n  $ ferry stats\n  $ ferry stats --json\n  $ ferry stats --raw\n')
    .action(async (options: { raw?: boolean }) => {
      const records = readMetricsFile(metricsFile(context.workspace));
      if (options.raw) {
        for await (const record of records) context.output.out(JSON.stringify(record));
        return;
      }
      const rows = await summarizeMetrics(records);
      if (context.json) context.output.out(formatJson(rows));
      else if (rows.length === 0) context.output.out('no metrics recorded yet: put a file first (ferry put)');
      else context.output.out(formatTable(['interface', ...statsColumns.map((c) => c.column)], rows));
    });
}
