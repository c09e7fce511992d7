// `ferry explain FILE`: which rule, which checks, which SQL — a dry run that writes nothing anywhere.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Rule } from '../../core/rules/rule.js';
import { readSettings } from '../../core/settings/settings.js';
import { ruleById } from '../../records/rules/rule-by-id.js';
import { exitCodes } from '../exit-codes.js';
import { type Explanation, explainFile } from '../explain-file.js';
import { formatJson } from '../output.js';
import { UsageError } from '../usage-error.js';
import { targetProblems } from '../warehouse-targets.js';
import { type CliContext, withConfigDatabase } from '../workspace.js';

export function registerExplain(program: Command, context: CliContext): void {
  program
    .command('explain')
    .description(
      'show the rule a file matches, the checks it would pass or fail and the exact SQL; exit 1 if it would fail',
    )
    .argument('<file>', 'a local file; its name is matched as if it landed in external_input/')
    .option('--aws', 'look up the target table in Redshift through the Data API (FERRY_REDSHIFT_* settings)')
    .addHelpText(
      'after',
      [
        '',
        'The file is read once, as the processing function would read it; nothing is uploaded, loaded or audited.',
        '',
        'Example:',
        '  $ ferry explain sql/samples/files/PROD_20151015_150510973_PA_FLAVOR_527.txt',
        '',
      ].join('\n'),
    )
    .action(async (file: string, options: { aws?: boolean }) => {
      const path = resolve(context.cwd, file);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new UsageError(`expected a file to explain, found nothing at ${path}`);
      const settings = readSettings(context.env, 'local');
      const { explanation, rule } = await withConfigDatabase(context, async (database) => {
        const bucket = settings.bucket ?? (await import('../../wiring/local-runtime.js')).localBucket;
        const explained = await explainFile(database.db, settings, bucket, path);
        const sid = explained.rule?.target ? explained.rule.sid : undefined;
        return {
          explanation: explained,
          rule: sid === undefined ? undefined : await ruleById(database.db, sid),
        };
      });
      if (rule) await checkTarget(context, explanation, rule, !!options.aws);
      context.output.out(context.json ? formatJson(explanation) : renderExplanation(explanation));
      if (explanation.error !== null) context.setExitCode(exitCodes.failure);
    });
}

/** The target table as the warehouse has it: a typo'd table or column shows here, not when the file arrives. */
async function checkTarget(context: CliContext, explanation: Explanation, rule: Rule, aws: boolean) {
  const problems = await targetProblems(context, [rule], aws);
  const detail = problems.map((p) => p.message).join('; ');
  explanation.checks.push({
    check: 'target table',
    ok: problems.length === 0,
    detail:
      detail || `${rule.target!.schema}.${rule.target!.table} has every column and the stamping columns`,
  });
  if (problems.length > 0) explanation.error ??= detail;
}

export function renderExplanation(e: Explanation): string {
  const lines = [`file     ${e.file} (${e.bytes} bytes) as ${e.key}`];
  if (e.rule) {
    const target = e.rule.target ?? 'split parent, never loaded itself';
    lines.push(`rule     ${e.rule.sid}: interface ${e.rule.interface} -> ${target} (${e.rule.match})`);
    for (const contract of e.rule.contracts ?? []) lines.push(`contract ${contract}`);
  } else lines.push('rule     none');
  lines.push('checks');
  for (const c of e.checks) lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.check}: ${c.detail}`);
  for (const part of e.parts) {
    const rule = part.rule === null ? 'no rule' : `rule ${part.rule} -> ${part.target ?? '?'}`;
    lines.push(`part     ${part.code}: ${part.records} records as ${part.key} (${rule})`);
  }
  if (e.manifest !== null) lines.push('manifest', indent(e.manifest));
  if (e.loadSql.length > 0) {
    lines.push(`load SQL (one transaction, statement ${e.statementName})`);
    lines.push(...e.loadSql.map((sql) => indent(`${sql};`)));
  }
  if (e.postLoadSql !== null) lines.push('post-load SQL', indent(e.postLoadSql));
  if (e.error !== null) lines.push(`result   would fail: ${e.error}`);
  else if (e.parts.length > 0) lines.push(`result   would split into ${e.parts.length} parts`);
  else lines.push(`result   would load ${e.records ?? 'all'} records into ${e.rule?.target}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
