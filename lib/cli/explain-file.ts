// A dry run of the processing function for one local file: rule, checks, the SQL it would submit — nothing written.
// The checks and the SQL come from the plan the processing function itself carries out (core/load-sql/plan-load.ts).

import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { contentPolicyWords } from '../core/contracts/content-policies.js';
import { describeSequenceArrival } from '../core/contracts/describe-contracts.js';
import { errorMessage } from '../core/errors.js';
import { manifestKey as manifestKeyOf } from '../core/ingest/file-names.js';
import { prepareFile } from '../core/ingest/prepare-file.js';
import type { PreparedFile } from '../core/ingest/prepare-types.js';
import { objectVersion } from '../core/keys/object-key.js';
import { type LoadPlan, planChecks, planLoad } from '../core/load-sql/plan-load.js';
import type { Rule } from '../core/rules/rule.js';
import type { Settings } from '../core/settings/settings.js';
import { findRule, requireRule } from '../records/rules/find-rule.js';
import type { Database } from '../records/tables.js';
import { dryRunStore } from './dry-run-store.js';

/** Stands in for the run id a real delivery would get. */
export const placeholderRunId = 'RUN_ID';

export interface Check {
  check: string;
  ok: boolean;
  detail: string;
}

export interface PartPlan {
  code: string;
  key: string;
  records: number;
  rule: number | null;
  target: string | null;
}

export interface Explanation {
  file: string;
  key: string;
  bytes: number;
  rule: { sid: number; interface: string; target: string | null; match: string; contracts?: string[] } | null;
  checks: Check[];
  records: number | null;
  statementName: string | null;
  manifest: string | null;
  loadSql: string[];
  postLoadSql: string | null;
  parts: PartPlan[];
  /** What the real run would end as: null when it would succeed. */
  error: string | null;
}

/** `now` stands in for the time a real delivery would be processed at (the split parts' stamp, the load time). */
export async function explainFile(
  db: Kysely<Database>,
  settings: Settings,
  bucket: string,
  path: string,
  now: Date = new Date(),
): Promise<Explanation> {
  const fileName = basename(path);
  const key = `${settings.inputPrefix}${fileName}`;
  const bytes = (await stat(path)).size;
  const result: Explanation = {
    ...{ file: path, key, bytes, rule: null, checks: [], records: null, statementName: null },
    ...{ manifest: null, loadSql: [], postLoadSql: null, parts: [], error: null },
  };
  const check = async <T>(name: string, work: () => Promise<T> | T, detail: (value: T) => string) => {
    try {
      const value = await work();
      result.checks.push({ check: name, ok: true, detail: detail(value) });
      return value;
    } catch (error) {
      result.checks.push({ check: name, ok: false, detail: errorMessage(error) });
      result.error ??= errorMessage(error);
      return undefined;
    }
  };
  const rule = await matchRule(db, key, result);
  if (rule === undefined) return result;
  for (const planned of planChecks(rule, bytes, settings.minSizeBytes)) {
    result.checks.push({ check: planned.check, ok: planned.ok, detail: planned.detail });
    if (!planned.ok) result.error ??= planned.detail;
  }
  if (result.error !== null) return result;
  const store = dryRunStore(bucket, key, path);
  const prepared = await check(
    'content',
    () => prepare(store, key, rule, settings, now),
    describeContent(rule),
  );
  if (prepared === undefined) return result;
  result.records = prepared.records;
  if (prepared.split) await planParts(db, prepared.split.parts, result, check);
  if (prepared.load) {
    const plan = planLoad({
      rule,
      runId: placeholderRunId,
      fileName,
      loadedAt: now,
      bucket: store.bucket,
      manifestKey: manifestKeyOf(settings.processingPrefix, placeholderRunId, fileName),
      iamRole: settings.iamRole,
      region: settings.region,
      load: prepared.load,
      ...(rule.lineage && { sourceVersion: objectVersion((await store.head(key)) ?? { etag: '' }) }),
    });
    showPlan(result, plan);
  }
  return result;
}

/** The rule, or undefined with the failed check; a file of the wrong type still shows the rule it matched. */
async function matchRule(db: Kysely<Database>, key: string, result: Explanation): Promise<Rule | undefined> {
  const lookup = await findRule(db, key);
  if (lookup.kind === 'found' || lookup.kind === 'wrong-type') {
    const { rule } = lookup;
    result.rule = describeRule(rule);
    result.checks.push({ check: 'rule', ok: true, detail: `rule ${rule.id} (${result.rule.match})` });
    const policies = contentPolicyWords(rule);
    if (policies.length > 0) {
      const detail = `${policies.join(', ')} (judged against the loaded runs when the file arrives)`;
      result.checks.push({ check: 'content policy', ok: true, detail });
    }
  }
  if (lookup.kind === 'found') {
    const detail = `'${lookup.rule.fileType}' as the rule expects`;
    result.checks.push({ check: 'extension', ok: true, detail });
    return lookup.rule;
  }
  // The pipeline fails (and audits) a file of the wrong type under the rule it matched.
  const check = lookup.kind === 'wrong-type' ? 'extension' : 'rule';
  result.checks.push({ check, ok: false, detail: lookup.error.message });
  result.error = lookup.error.message;
  return undefined;
}

function describeRule(rule: Rule): NonNullable<Explanation['rule']> {
  const contracts = describeSequenceArrival(rule);
  return {
    sid: rule.id,
    interface: `${rule.interfaceId} ${rule.interfaceName}`,
    target: rule.target ? `${rule.target.schema}.${rule.target.table}` : null,
    match: rule.pattern === undefined ? `token ${rule.token}` : `glob ${rule.pattern}`,
    ...(contracts.length > 0 && { contracts }),
  };
}

/** The processing function's own single pass, against a store that keeps nothing. */
async function prepare(
  store: ReturnType<typeof dryRunStore>,
  key: string,
  rule: Rule,
  settings: Settings,
  now: Date,
) {
  return prepareFile({
    store,
    key,
    rule,
    runId: placeholderRunId,
    processingPrefix: settings.processingPrefix,
    inputPrefix: settings.inputPrefix,
    now,
    timezone: settings.timezone,
    maxExpansionRatio: settings.maxExpansionRatio,
    etag: (await store.head(key))?.etag,
  });
}

function describeContent(rule: Rule) {
  return (prepared: PreparedFile): string => {
    if (prepared.records === null)
      return 'not read: loaded as it is (JSON, parquet or lzop with no trailer, header check or split)';
    const said = [`${prepared.records} records`];
    if (rule.header) said.push(rule.checkHeader ? 'header names match the columns' : 'header line skipped');
    if (rule.trailer)
      said.push(`trailer at ${rule.trailer.start}:${rule.trailer.end} counts ${prepared.trailerCount}`);
    for (const check of prepared.checks ?? [])
      if (check.check !== 'control_count') said.push(`${check.check} ${check.outcome} (${check.found})`);
    if (rule.lineage)
      said.push(`rows carry ${rule.lineage.lineColumn} and ${rule.lineage.versionColumn} (row lineage)`);
    if (prepared.split)
      said.push(`split into ${prepared.split.parts.map((p) => p.code).join(', ') || 'no parts'}`);
    if (prepared.split?.dropped) said.push(`${prepared.split.dropped} lines of other record types dropped`);
    return said.join('; ');
  };
}

type CheckFn = <T>(
  name: string,
  work: () => Promise<T> | T,
  detail: (value: T) => string,
) => Promise<T | undefined>;

/** Each part re-enters the input folder and must match a rule of its own. */
async function planParts(
  db: Kysely<Database>,
  parts: NonNullable<PreparedFile['split']>['parts'],
  result: Explanation,
  check: CheckFn,
) {
  for (const part of parts) {
    const rule = await check(
      `part ${part.code}`,
      async () => requireRule(await findRule(db, part.key)),
      (r) => `rule ${r.id}`,
    );
    const target = rule?.target ? `${rule.target.schema}.${rule.target.table}` : null;
    result.parts.push({
      code: part.code,
      key: part.key,
      records: part.records,
      rule: rule?.id ?? null,
      target,
    });
  }
}

function showPlan(result: Explanation, plan: LoadPlan): void {
  result.statementName = plan.statementName;
  result.manifest = plan.manifest;
  result.loadSql = plan.sqls;
  const { postLoad } = plan;
  if (postLoad === undefined) return;
  if ('sql' in postLoad) {
    result.postLoadSql = postLoad.sql;
    result.checks.push({ check: 'post-load SQL', ok: true, detail: `renders (${postLoad.statementName})` });
    return;
  }
  result.checks.push({ check: 'post-load SQL', ok: false, detail: errorMessage(postLoad.error) });
  result.error ??= errorMessage(postLoad.error);
}
