// What a corpus case actually produced, shaped like its expectation so one comparison shows every difference.
import type { FileFate } from '../support/invariants.js';
import type { TestRuntime } from '../support/local-runtime.js';
import type { CaseExpectation } from './cases/index.js';

/** The sample tables every case must leave standing (the injection cases aim at them). */
export const canaryTables = [
  'rdsftetl.dc_x_pa_flavor',
  'rdsftcore.dc_x_pa_flavor',
  'rdsftetl.dc_x_pa_flavor_error',
  'rdsftetl.hosp_rpt',
  'rdsftetl.acct_master',
  'rdsftetl.claim_header',
  'rdsftetl.claim_detail',
];

export async function tableCount(runtime: TestRuntime, table: string): Promise<number> {
  const result = await runtime.query(`select count(*) from ${table}`);
  return Number(result.rows[0]?.[0] ?? 0);
}

/**
 * The observed outcome for the fields the expectation names: ledger state, the audit row's status and error,
 * rows loaded (ledger and rows stamped with the file name agree, or the invariants would have thrown), the
 * archive folder, and for a split each part found by its code.
 */
export async function observedOutcome(
  runtime: TestRuntime,
  fate: FileFate,
  expectation: CaseExpectation,
): Promise<Record<string, unknown>> {
  if (fate.kind === 'input') return { state: fate.run?.state ?? 'NO RUN', where: 'still in the input' };
  const audit = await runtime.config.db
    .selectFrom('rdscnfg.ext_file_audit')
    .select(['file_process_status', 'error_msg'])
    .where('run_id', '=', fate.run.run_id)
    .executeTakeFirst();
  const folder = fate.archiveKey.slice(0, fate.archiveKey.lastIndexOf('/') + 1);
  const observed: Record<string, unknown> = {
    state: fate.run.state,
    auditStatus: audit?.file_process_status ?? 'NO AUDIT ROW',
    archivedUnder: folder,
  };
  if (expectation.error !== undefined || fate.kind === 'failed') {
    observed.error = fate.run.error;
    if (audit?.error_msg !== fate.run.error) observed.auditError = audit?.error_msg;
  }
  if (expectation.loadError !== undefined) observed.loadError = await loadErrorOf(runtime, fate.key);
  if (expectation.rows !== undefined) observed.rows = fate.kind === 'loaded' ? fate.rows : 0;
  if (expectation.table !== undefined) observed.table = expectation.table;
  if (fate.kind === 'split') {
    observed.parts = await Promise.all(
      (expectation.parts ?? []).map(async (part) => {
        const found = fate.parts.find((p) => p.key.includes(`-${part.code}.`));
        return {
          code: part.code,
          expect: found ? await observedOutcome(runtime, found, part.expect) : 'no such part',
        };
      }),
    );
  }
  return observed;
}

/** The first rejected row the stand-in recorded for the file's prepared copy, as `<code>: <message>`. */
async function loadErrorOf(runtime: TestRuntime, key: string): Promise<string> {
  const name = key.slice(key.lastIndexOf('/') + 1).replaceAll("'", "''");
  const result = await runtime.query(
    `select error_code, trim(error_message) from sys_load_error_detail where position('${name}' in file_name) > 0 order by line_number limit 1`,
  );
  const row = result.rows[0];
  return row ? `${row[0]}: ${row[1]}` : 'no load error recorded';
}
