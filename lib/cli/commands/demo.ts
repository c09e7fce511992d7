// `ferry demo`: the sample feeds end to end in a fresh embedded workspace — no server, no AWS account.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ContractCheck } from '../../ports/notifier.js';
import { failedRunStates, runOutcomes } from '../../records/outcomes.js';
import { formatJson, formatTable } from '../output.js';
import { queryWarehouse } from '../warehouse/query-warehouse.js';
import type { CliContext } from '../workspace.js';
import { auditColumns, auditRows } from './status.js';

const tables = [
  'rdsftetl.dc_x_pa_flavor',
  'rdsftcore.dc_x_pa_flavor',
  'rdsftetl.dc_x_pa_flavor_error',
  'rdsftetl.hosp_rpt',
  'rdsftetl.acct_master',
  'rdsftetl.claim_header',
  'rdsftetl.claim_detail',
  'rdsftetl.orders',
];

export function registerDemo(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description(
      'run the sample feeds end to end in a fresh workspace (<workspace>/demo) and print the results',
    )
    .addHelpText('after', '\nExample:\n  $ ferry demo        # the same as npm start\n')
    .action(async () => {
      const workspace = join(context.workspace, 'demo');
      await rm(workspace, { recursive: true, force: true });
      // The demo always runs embedded, even when the shell points DATABASE_URL or WAREHOUSE_URL elsewhere.
      // Its one failing file is expected, so only fatal lines are logged unless LOG_LEVEL says otherwise.
      const { DATABASE_URL: _db, WAREHOUSE_URL: _wh, ...rest } = context.env;
      const env = { ...rest, LOG_LEVEL: rest.LOG_LEVEL ?? 'fatal' };
      const say = (text: string) => {
        if (!context.json) context.output.out(text);
      };
      const {
        applySqlDirectory,
        redshiftSqlDir,
        sampleConfigFile,
        sampleContractFilesDir,
        sampleContractsFile,
        sampleFilesDir,
        withLocalRuntime,
      } = await import('../local-runtime.js');
      const report = await withLocalRuntime(
        context,
        async (runtime) => {
          say(
            `Workspace ${workspace}: config database and Redshift stand-in are embedded PGlite (Node.js ${process.version}).`,
          );
          await applySqlDirectory(runtime, redshiftSqlDir);
          await runtime.config.runScript(await readFile(sampleConfigFile, 'utf8'));
          say('Applied sql/redshift to the stand-in and inserted the sample config rows.');
          const names = (await readdir(sampleFilesDir)).sort();
          const keys: string[] = [];
          for (const name of names) keys.push(await runtime.putFile(join(sampleFilesDir, name)));
          say(`Put ${names.length} sample files into external_input/; running both functions...\n`);
          await runtime.idle();
          // The contract feed's files go one at a time, in sequence order: each is judged against the one before.
          await runtime.config.runScript(await readFile(sampleContractsFile, 'utf8'));
          const contractNames = (await readdir(sampleContractFilesDir)).sort();
          say(`Put ${contractNames.join(', ')} one by one (a feed with a control total and a sequence)...\n`);
          for (const name of contractNames) {
            keys.push(await runtime.putFile(join(sampleContractFilesDir, name)));
            await runtime.idle();
          }
          const outcomes = await runOutcomes(runtime.config.db, keys);
          const contracts = contractFindings(
            await runtime.config.db
              .selectFrom('rdscnfg.ext_file_audit')
              .select(['file_name', 'file_process_status', 'contract_checks'])
              .where('contract_checks', 'is not', null)
              .orderBy('ext_file_audit_sid')
              .execute(),
          );
          const audit = await auditRows(runtime.config, { failed: false, limit: 50 });
          const counts = await Promise.all(
            tables.map(async (table) => {
              const result = await queryWarehouse(runtime.warehouse, `select count(*) from ${table}`, {
                pollMs: 10,
              });
              return { table, rows: Number(result.rows[0]?.[0] ?? 0) };
            }),
          );
          const notifications = await runtime.config.db
            .selectFrom('rdscnfg.ferry_outbox')
            .select(['channel', 'subject'])
            .where('channel', '=', 'sns')
            .orderBy('outbox_id')
            .execute();
          return { workspace, outcomes, audit, contracts, counts, notifications };
        },
        { workspace, env },
      );
      if (context.json) {
        context.output.out(formatJson(report));
        return;
      }
      context.output.out(
        `Audit table (rdscnfg.ext_file_audit):\n${formatTable(auditColumns, report.audit)}\n`,
      );
      context.output.out(
        `Feed contract checks that did not pass (rdscnfg.ext_file_audit.contract_checks):\n${formatTable(['file', 'status', 'check', 'expected', 'found'], report.contracts)}\n`,
      );
      context.output.out(`Rows in the warehouse:\n${formatTable(['table', 'rows'], report.counts)}\n`);
      context.output.out(
        `Notifications (outbox, SNS channel):\n${formatTable(['subject'], report.notifications)}\n`,
      );
      const failed = report.outcomes.filter((o) => failedRunStates.includes(o.state as never));
      context.output.out(
        `${report.outcomes.length} runs, ${failed.length} failed as expected: ${failed.map((f) => `${f.key} (${f.error})`).join('; ')}`,
      );
      context.output.out(`Explore: ferry --workspace ${workspace} status | rules | sql "select …"`);
    });
}

/** One row per contract check that did not pass, with what was expected and what was found. */
function contractFindings(
  rows: { file_name: string | null; file_process_status: string; contract_checks: string | null }[],
) {
  return rows.flatMap((row) =>
    (JSON.parse(row.contract_checks ?? '[]') as ContractCheck[])
      .filter((check) => check.outcome !== 'passed')
      .map((check) => ({
        file: row.file_name ?? '',
        status: row.file_process_status,
        check: `${check.check} ${check.outcome}`,
        expected: check.expected ?? '',
        found: check.found ?? '',
      })),
  );
}
