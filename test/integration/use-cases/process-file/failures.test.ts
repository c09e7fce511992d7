// Every way a file fails before submission: ledger FAILED, audit FAILED with the exact reason, archive/error, notification.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import {
  auditsOf,
  openWorld,
  runOf,
  sampleFile,
  stampedKeyPattern,
  type World,
  worlds,
} from './pipeline-harness.js';

const flavorLines = [
  '101|VAN01|Madagascar Vanilla Bean|Classic|2015-10-16|4.35|Y',
  '107|CARA07|Salted Caramel|Classic|2015-10-16|4.65|Y',
  '108|LEMN08|Meyer Lemon Sorbet|Sorbet|2015-10-16|4.40|Y',
].join('\n');

interface FailureCase {
  what: string;
  name: string;
  body: () => Buffer | string;
  error: string | RegExp;
  /** What the audit row knows of the rule; null when no rule was found. */
  rule: { sid: number; interface: string; schema: string | null; table: string | null } | null;
  /** The interface carried when no usable rule was found (a broken rule, several rules of one interface). */
  iface?: string;
  prepare?: (world: World) => Promise<void>;
  /** The trailer count's verdict, recorded as the `control_count` check on the audit row and the notification. */
  checks?: Array<{ check: string; outcome: string; expected: string; found: string }>;
}

const flavorRule = { sid: 4, interface: '527', schema: 'rdsftetl', table: 'dc_x_pa_flavor' };

const cases: FailureCase[] = [
  {
    what: 'an empty file',
    name: 'PROD_20151017_000000000_PA_FLAVOR_527.txt',
    body: () => '',
    error: 'expected a non-empty file, found 0 bytes',
    rule: flavorRule,
  },
  {
    what: 'a file below the size threshold',
    name: 'PROD_20151017_000000001_PA_FLAVOR_527.txt',
    body: () => 'TRL01\n',
    error: 'expected at least 10 bytes (threshold_file_size_bytes), found 6 bytes',
    rule: flavorRule,
  },
  {
    what: 'a file whose extension is not the rule’s file_type',
    name: 'PROD_20151017_000000002_PA_FLAVOR_527.csv',
    body: () => `${flavorLines}\nTRL0000000003\n`,
    error:
      "rule 4 expects file_type 'txt', file 'PROD_20151017_000000002_PA_FLAVOR_527.csv' has extension 'csv'",
    rule: flavorRule,
  },
  {
    what: 'a file no rule matches',
    name: 'UNKNOWN_FEED_999.txt',
    body: () => 'some|data|here\n',
    error: "no active rule matches file 'UNKNOWN_FEED_999.txt' (token '999', no file_pattern matches)",
    rule: null,
  },
  {
    what: 'a file two active rules match',
    name: 'PROD_20151017_000000003_PA_FLAVOR_527.txt',
    body: () => `${flavorLines}\nTRL0000000003\n`,
    error:
      /^file 'PROD_20151017_000000003_PA_FLAVOR_527\.txt' matches more than one active rule: (4 and 40|40 and 4) \(expected exactly one\)$/,
    rule: null,
    iface: '527',
    async prepare(world) {
      await world.database.runScript(
        `INSERT INTO rdscnfg.ext_file_config (ext_file_config_sid, ext_interface_cid, tgt_schema_name, tgt_table_name,
           file_prefix, file_format, file_type, delimiter, header_flag, trailer_flag, split_file_flag, oprtnl_flag,
           created_date, modified_date)
         VALUES (40, 527, 'rdsftetl', 'dc_x_pa_flavor_copy', '527.', 'txt', 'txt', '|', 'N', 'N', 'N', 'A', now(), now());`,
      );
    },
  },
  {
    what: 'a file whose rule is broken (its interface still reaches per-feed subscribers)',
    name: 'PROD_20151017_000000005_PA_FLAVOR_527.txt',
    body: () => `${flavorLines}\nTRL0000000003\n`,
    error: /file_format/,
    rule: null,
    iface: '527',
    async prepare(world) {
      await world.database.runScript(
        "UPDATE rdscnfg.ext_file_config SET file_format = 'xlsx' WHERE ext_file_config_sid = 4;",
      );
    },
  },
  {
    what: 'a trailer that counts one record more than the file has',
    name: 'PROD_20151016_090000000_PA_FLAVOR_527.txt',
    body: () => sampleFile('PROD_20151016_090000000_PA_FLAVOR_527.txt'),
    error: 'trailer says 4 records, file has 3',
    rule: flavorRule,
    checks: [{ check: 'control_count', outcome: 'failed', expected: '4 records', found: '3 records' }],
  },
  {
    what: 'a trailer that counts one record fewer than the file has',
    name: 'PROD_20151017_000000004_PA_FLAVOR_527.txt',
    body: () => `${flavorLines}\nTRL0000000002\n`,
    error: 'trailer says 2 records, file has 3',
    rule: flavorRule,
    checks: [{ check: 'control_count', outcome: 'failed', expected: '2 records', found: '3 records' }],
  },
  {
    what: 'a corrupt gzip file',
    name: 'hosp11_2014_RPT_558.csv.gz',
    body: () =>
      Buffer.concat([
        sampleFile('hosp10_2014_RPT_558.csv.gz').subarray(0, 60),
        Buffer.from('not gzip at all'),
      ]),
    error: 'gzip input is corrupt: truncated stream (unexpected end of file)',
    rule: { sid: 5, interface: '558', schema: 'rdsftetl', table: 'hosp_rpt' },
    async prepare(world) {
      // A header check makes Ferry read (and so decompress) the file instead of loading it as it is.
      await world.database.runScript(
        "UPDATE rdscnfg.ext_file_config SET check_header_flag = 'Y' WHERE ext_file_config_sid = 5;",
      );
    },
  },
];

describe.each(worlds)('files that fail on $name', (target) => {
  let world: World;
  beforeEach(async () => {
    world = await openWorld(target);
  });
  afterEach(async () => {
    await world.close();
  });

  it.each(cases)('records $what as FAILED, moves it to archive/error and notifies', async (failure) => {
    await failure.prepare?.(world);
    const { event } = await world.upload(failure.name, failure.body());

    const { results } = await processEvent(world.deps, event);

    expect(results).toHaveLength(1);
    const result = results[0]!;
    expect(result).toMatchObject({ key: `external_input/${failure.name}`, status: 'failed' });
    expect(result.retry).toBeUndefined();
    expect(result.error).toMatch(failure.error);
    const message = result.error!;
    const run = await runOf(world, result.runId!);
    expect(run).toMatchObject({
      state: 'FAILED',
      error: message,
      ext_file_config_sid: failure.rule?.sid ?? null,
      ext_interface_cid: failure.rule?.interface ?? failure.iface ?? null,
      prepared_keys: [],
      statement_id: null,
    });
    const audits = await auditsOf(world, result.runId!);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      ext_file_audit_sid: run.ext_file_audit_sid,
      file_process_status: 'FAILED',
      file_prcsd_flag: 'N',
      error_msg: message,
      ext_interface_cid: failure.rule?.interface ?? failure.iface ?? null,
      tgt_schema_name: failure.rule?.schema ?? null,
      tgt_table_name: failure.rule?.table ?? null,
      file_name: failure.name,
      object_key: `external_input/${failure.name}`,
      contract_checks: failure.checks ? JSON.stringify(failure.checks) : null,
    });
    expect(audits[0]!.start_time <= audits[0]!.end_time).toBe(true);
    expect(await world.keys('external_input/')).toEqual([]);
    expect(await world.keys('processing/')).toEqual([]);
    const archived = await world.keys('archive/');
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(stampedKeyPattern('archive/error/', failure.name));
    expect(run.details).toMatchObject({ fileName: failure.name, archiveKey: archived[0] });
    expect(world.notifier.messages).toEqual([
      {
        fileName: failure.name,
        interface: failure.rule?.interface ?? failure.iface ?? null,
        targetTable: failure.rule?.table ? `${failure.rule.schema}.${failure.rule.table}` : null,
        status: 'FAILED',
        success: false,
        rowsLoaded: null,
        rowsRejected: null,
        error: message,
        auditId: run.ext_file_audit_sid,
        runId: result.runId,
        durationMs: expect.any(Number),
        customErrorMessage: 'Please contact the data team.',
        ...(failure.checks && { checks: failure.checks }),
      },
    ]);
    expect(world.warehouse.submissions).toEqual([]);
  });
});
