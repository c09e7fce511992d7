import { describe, expect, it } from 'vitest';
import { cliLogger } from '../../../lib/cli/cli-log.js';

function capture(options: { verbose: boolean; env?: Record<string, string> }) {
  const lines: string[] = [];
  const log = cliLogger({
    env: options.env ?? {},
    verbose: options.verbose,
    output: { out: () => {}, err: (text) => lines.push(text) },
  });
  return { log, lines };
}

describe('the log of a command', () => {
  it('writes only errors by default, as a sentence rather than a JSON line', () => {
    const { log, lines } = capture({ verbose: false });
    log.info({ key: 'external_input/a.txt' }, 'event processed');
    log.warn({ key: 'external_input/a.txt' }, 'identical content was already loaded');
    log.error({ key: 'external_input/a.txt', err: new Error('connection refused') }, 'run failed');
    expect(lines).toEqual(['ferry: run failed (external_input/a.txt): connection refused']);
  });

  it('writes the JSON lines from info up with --verbose, and at the level LOG_LEVEL names', () => {
    const verbose = capture({ verbose: true });
    verbose.log.debug('not shown');
    verbose.log.info({ runId: 'r1' }, 'event processed');
    expect(verbose.lines.map((line) => JSON.parse(line))).toMatchObject([
      { msg: 'event processed', runId: 'r1' },
    ]);

    const debug = capture({ verbose: false, env: { LOG_LEVEL: 'debug' } });
    debug.log.debug('shown');
    expect(debug.lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });
});
