// `ferry serve`: the Redshift Data API's JSON protocol over the workspace's Redshift stand-in, until Ctrl-C.
import { once } from 'node:events';
import type { Command } from 'commander';
import { formatJson } from '../output.js';
import { UsageError } from '../usage-error.js';
import type { CliContext } from '../workspace.js';

export const defaultServePort = 4599;

interface ServeOptions {
  port: number;
  host: string;
}

export function registerServe(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('serve the Redshift Data API (JSON protocol) over the local Redshift stand-in until Ctrl-C')
    .option('--port <n>', 'port to listen on', parsePort, defaultServePort)
    .option(
      '--host <address>',
      'address to bind (keep 127.0.0.1 unless you know why: nothing is authenticated)',
      '127.0.0.1',
    )
    .addHelpText(
      'after',
      [
        '',
        'Requests are SigV4-signed by AWS clients; the signature is accepted without being checked.',
        '',
        'Example:',
        `  $ ferry serve --port ${defaultServePort}`,
        `  $ aws redshift-data execute-statement --endpoint-url http://127.0.0.1:${defaultServePort} \\`,
        '      --cluster-identifier local --db-user ferry --database dev --sql "select 1"',
        '',
      ].join('\n'),
    )
    .action(async (options: ServeOptions) => {
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await serveDataApi(context, options, stop.signal);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** Serves until `stop` aborts, then closes the endpoint and waits for running statements. */
export async function serveDataApi(
  context: CliContext,
  options: ServeOptions,
  stop: AbortSignal,
): Promise<void> {
  // The endpoint only runs SQL: no file pipeline, so statements submitted here never touch the audit tables.
  const { openLocalRuntime } = await import('../../wiring/local-runtime.js');
  const runtime = await openLocalRuntime({
    workspace: context.workspace,
    env: context.env,
    pipeline: false,
    lock: context.lock,
  });
  try {
    const { startDataApiServer } = await import('../../adapters/local/data-api/data-api-server.js');
    const server = await startDataApiServer({
      backend: runtime.warehouse,
      port: options.port,
      host: options.host,
      logger: runtime.log,
    });
    if (context.json) context.output.out(formatJson({ url: server.url, workspace: context.workspace }));
    else
      context.output.out(
        `Redshift Data API listening on ${server.url} (workspace ${context.workspace}); Ctrl-C stops it`,
      );
    if (!stop.aborted) await once(stop, 'abort');
    await server.close();
  } finally {
    await runtime.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a whole number from 0 to 65535, found ${value}`);
  }
  return port;
}
