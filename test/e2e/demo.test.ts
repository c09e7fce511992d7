// `ferry demo` in-process: a fresh embedded workspace, the sample feeds end to end, the audit table and the row counts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/run-cli.js';

interface DemoRun {
  code: number;
  out: string;
  err: string;
}

const repoRoot = new URL('../../', import.meta.url).pathname;

/** Lines of the aligned table between `title` and `next` (the next title, or the closing summary). */
function tableBetween(out: string, title: string, next: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  const end = lines.findIndex((line, index) => index > start && line.startsWith(next));
  if (start < 0 || end < 0) {
    throw new Error(`expected a table between ${JSON.stringify(title)} and ${JSON.stringify(next)}`);
  }
  return lines.slice(start + 1, end).filter((line) => line.trim() !== '');
}

const byFile = (a: { file?: string }, b: { file?: string }) => String(a.file).localeCompare(String(b.file));

/** The cells of a table line, split on the two-space column gap. */
function cells(line: string): string[] {
  return line.trim().split(/ {2,}/);
}

describe('ferry demo', () => {
  let workspace: string;
  let demo: DemoRun;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ferry-demo-'));
    let out = '';
    let err = '';
    // A server in the shell's environment must not be used: the demo always runs embedded.
    const env = {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing',
      WAREHOUSE_URL: 'postgres://nobody@127.0.0.1:1/nothing',
    };
    const code = await runCli(['demo', '--workspace', workspace], {
      env,
      cwd: repoRoot,
      output: {
        out: (text) => (out += text.endsWith('\n') ? text : `${text}\n`),
        err: (text) => (err += text.endsWith('\n') ? text : `${text}\n`),
      },
    });
    demo = { code, out, err };
  }, 180_000);

  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('exits 0 without writing to stderr', () => {
    expect({ code: demo.code, err: demo.err }).toEqual({ code: 0, err: '' });
  });

  it('prints the audit table with every run, the failing file and its reason', () => {
    const table = tableBetween(
      demo.out,
      'Audit table (rdscnfg.ext_file_audit):',
      'Feed contract checks that did not pass',
    );
    expect(cells(table[0] ?? '')).toEqual([
      'audit',
      'file',
      'status',
      'loaded',
      'rows',
      'rejected',
      'started',
      'ended',
      'error',
    ]);
    const rows = table.slice(2).map(cells);
    const summary = rows
      .map((row) => {
        const [, file, status, loaded] = row;
        const hasNumbers = status !== 'FAILED';
        return {
          file: file?.replace(/-\d{14}_700-/, '-<time>_700-'),
          status,
          loaded,
          rows: hasNumbers ? row[4] : undefined,
          rejected: hasNumbers ? row[5] : undefined,
          error: status === 'FAILED' || status === 'SPLIT' ? row.at(-1) : undefined,
        };
      })
      .sort(byFile);
    const ok = { loaded: 'Y', rejected: '0', error: undefined };
    expect(summary).toEqual(
      [
        { file: 'ACCT_20240101_600.dat', status: 'FINISHED', rows: '6', ...ok },
        {
          file: 'CLAIMS_20240102_700-<time>_700-D1.txt',
          status: 'FINISHED',
          rows: '5',
          ...ok,
        },
        {
          file: 'CLAIMS_20240102_700-<time>_700-H1.txt',
          status: 'FINISHED',
          rows: '2',
          ...ok,
        },
        {
          file: 'CLAIMS_20240102_700.txt',
          status: 'SPLIT',
          loaded: 'N',
          rows: '7',
          rejected: '0',
          error: 'split into H1: 2 records, D1: 5 records; 0 lines of other record types dropped',
        },
        { file: 'PROD_20151015_150510973_PA_FLAVOR_527.txt', status: 'TRANSFORMED', rows: '6', ...ok },
        {
          file: 'PROD_20151016_090000000_PA_FLAVOR_527.txt',
          status: 'FAILED',
          loaded: 'N',
          rows: undefined,
          rejected: undefined,
          error: 'trailer says 4 records, file has 3',
        },
        { file: 'hosp10_2014_RPT_558.csv.gz', status: 'FINISHED', rows: '8', ...ok },
        { file: 'ORDERS_0001_800.txt', status: 'FINISHED', rows: '3', ...ok },
        {
          file: 'ORDERS_0002_800.txt',
          status: 'FAILED',
          loaded: 'N',
          rows: undefined,
          rejected: undefined,
          error: 'control_sum failed: expected sum 0000000031.00, found sum 30.00 of 2 values',
        },
        { file: 'ORDERS_0004_800.txt', status: 'FINISHED', rows: '2', ...ok },
      ].sort(byFile),
    );
  });

  it("shows the contract feed's caught control-total mismatch and its sequence gap, with their reasons", () => {
    const table = tableBetween(
      demo.out,
      'Feed contract checks that did not pass (rdscnfg.ext_file_audit.contract_checks):',
      'Rows in the warehouse:',
    );
    expect(cells(table[0] ?? '')).toEqual(['file', 'status', 'check', 'expected', 'found']);
    expect(table.slice(2).map(cells)).toEqual([
      [
        'PROD_20151016_090000000_PA_FLAVOR_527.txt',
        'FAILED',
        'control_count failed',
        '4 records',
        '3 records',
      ],
      ['ORDERS_0002_800.txt', 'FAILED', 'control_sum failed', 'sum 0000000031.00', 'sum 30.00 of 2 values'],
      ['ORDERS_0004_800.txt', 'FINISHED', 'sequence warned', '2', '4, a gap'],
    ]);
  });

  it('prints the exact row counts of the stage, core and error tables', () => {
    const table = tableBetween(demo.out, 'Rows in the warehouse:', 'Notifications (outbox, SNS channel):');
    expect(table.slice(2).map(cells)).toEqual([
      ['rdsftetl.dc_x_pa_flavor', '6'],
      ['rdsftcore.dc_x_pa_flavor', '5'],
      ['rdsftetl.dc_x_pa_flavor_error', '1'],
      ['rdsftetl.hosp_rpt', '8'],
      ['rdsftetl.acct_master', '6'],
      ['rdsftetl.claim_header', '2'],
      ['rdsftetl.claim_detail', '5'],
      ['rdsftetl.orders', '5'],
    ]);
  });

  it('ends with the two expected failures and their reasons', () => {
    expect(demo.out).toContain(
      '10 runs, 2 failed as expected: external_input/PROD_20151016_090000000_PA_FLAVOR_527.txt ' +
        '(trailer says 4 records, file has 3); external_input/ORDERS_0002_800.txt ' +
        '(control_sum failed: expected sum 0000000031.00, found sum 30.00 of 2 values)',
    );
  });

  it('lists one SNS notification per final status', () => {
    const subjects = tableBetween(demo.out, 'Notifications (outbox, SNS channel):', '10 runs,')
      .slice(2)
      .map((line) => line.trim().replace(/-\d{14}_700-/, '-<time>_700-'))
      .sort();
    expect(subjects).toEqual([
      'Ferry FAILED (failed): ORDERS_0002_800.txt',
      'Ferry FAILED (failed): PROD_20151016_090000000_PA_FLAVOR_527.txt',
      'Ferry FINISHED (succeeded): ACCT_20240101_600.dat',
      'Ferry FINISHED (succeeded): CLAIMS_20240102_700-<time>_700-D1.txt',
      'Ferry FINISHED (succeeded): CLAIMS_20240102_700-<time>_700-H1.txt',
      'Ferry FINISHED (succeeded): ORDERS_0001_800.txt',
      'Ferry FINISHED (succeeded): ORDERS_0004_800.txt',
      'Ferry FINISHED (succeeded): hosp10_2014_RPT_558.csv.gz',
      'Ferry SPLIT (succeeded): CLAIMS_20240102_700.txt',
      'Ferry TRANSFORMED (succeeded): PROD_20151015_150510973_PA_FLAVOR_527.txt',
    ]);
  });
});
