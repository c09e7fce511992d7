// `ferry serve`: the real Redshift Data client through RedshiftDataWarehouse against the workspace's stand-in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedshiftDataWarehouse } from '../../../../../lib/adapters/aws/redshift-data-warehouse.js';
import { serveDataApi } from '../../../../../lib/cli/commands/serve.js';
import type { OutputWriter } from '../../../../../lib/cli/output.js';
import { runCli } from '../../../../../lib/cli/run-cli.js';
import { createCliContext } from '../../../../../lib/cli/workspace.js';
import { dataClient } from '../../../../support/redshift-data-endpoint.js';

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  let printed: (text: string) => void = () => {};
  const firstOut = new Promise<string>((resolve) => {
    printed = resolve;
  });
  const output: OutputWriter = {
    out: (text) => {
      lines.out.push(text);
      printed(text);
    },
    err: (text) => lines.err.push(text),
  };
  return { lines, output, firstOut };
}

describe('ferry serve', () => {
  let workspace: string;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-serve-'));
  });

  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it("serves the workspace's stand-in until stopped, printing where it listens", async () => {
    const { lines, output, firstOut } = capture();
    const context = createCliContext({
      env: {},
      cwd: workspace,
      output,
      globalOptions: () => ({ workspace, json: true }),
    });
    const stop = new AbortController();
    const serving = serveDataApi(context, { port: 0, host: '127.0.0.1' }, stop.signal);
    const url = await Promise.race([
      firstOut.then((line) => JSON.parse(line).url as string),
      serving.then(() => Promise.reject(new Error('serve ended before it listened'))),
    ]);
    const client = dataClient(url);
    const warehouse = new RedshiftDataWarehouse(client, { database: 'dev', workgroupName: 'local' });

    const { id } = await warehouse.submit({
      name: 'ferry:serve-check',
      sqls: [
        'create table served (n int)',
        'insert into served values (41), (42)',
        'select sum(n) as total from served',
      ],
      withEvent: false,
    });
    const description = await settle(warehouse, id);
    const result = await warehouse.results(`${id}:3`);
    client.destroy();
    stop.abort();
    await serving;

    expect(JSON.parse(lines.out[0] ?? '{}')).toEqual({ url, workspace });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(description.status).toBe('FINISHED');
    expect(result).toEqual({ columns: ['total'], rows: [[83]] });
  });

  it('refuses a port that is not a number, with a usage error', async () => {
    const { lines, output } = capture();

    const code = await runCli(['--workspace', workspace, 'serve', '--port', 'eighty'], {
      output,
      env: {},
      cwd: workspace,
    });

    expect(code).toBe(2);
    expect(lines.err.join('\n')).toContain('--port: expected a whole number from 0 to 65535, found eighty');
  });

  it('explains itself with an example in --help', async () => {
    const { lines, output } = capture();

    const code = await runCli(['serve', '--help'], { output, env: {}, cwd: workspace });

    expect(code).toBe(0);
    expect(lines.out.join('')).toContain('$ ferry serve --port 4599');
    expect(lines.out.join('')).toContain('accepted without being checked');
  });
});

/** Describes until the statement reaches a final state: the only view an HTTP client has. */
async function settle(warehouse: RedshiftDataWarehouse, id: string) {
  for (;;) {
    const description = await warehouse.describe(id);
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(description.status)) return description;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
