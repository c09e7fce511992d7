// A dry run of the processing function for one local file: rule, checks, the SQL it would submit — nothing written.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { errorMessage, FerryError } from '../core/errors.js';
import { manifestKey as manifestKeyOf } from '../core/ingest/file-names.js';
import { planPreparation } from '../core/ingest/plan-preparation.js';
import { prepareFile } from '../core/ingest/prepare-file.js';
import type { PreparedFile } from '../core/ingest/prepare-types.js';
import { buildLoad } from '../core/load-sql/build-load.js';
import { checkCopyOptions } from '../core/load-sql/copy-options.js';
import { buildManifest, s3Url } from '../core/load-sql/manifest.js';
import { renderPostLoadSql } from '../core/load-sql/placeholders.js';
import { statementName } from '../core/load-sql/statement-name.js';
import type { Rule } from '../core/rules/rule.js';
import type { Settings } from '../core/settings/settings.js';
import { findRule } from '../records/rules/find-rule.js';
import { ruleById } from '../records/rules/rule-by-id.js';
import type { Database } from '../records/tables.js';
import { checkSize } from '../use-cases/process-file/check-size.js';
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
  rule: { sid: number; interface: string; target: string | null; match: string } | null;
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

export async function explainFile(
  db: Kysely<Database>,
  settings: Settings,
  bucket: string,
  path: string,
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
  if (rule.split === undefined)
    await check(
      'copy options',
      () => checkCopyOptions(rule),
      () => 'valid',
    );
  await check(
    'size',
    () => checkSize(bytes, rule, settings.minSizeBytes),
    () => `${bytes} bytes, at least ${rule.minSizeBytes ?? settings.minSizeBytes} required`,
  );
  if (result.error !== null) return result;
  const store = dryRunStore(bucket, key, path);
  const prepared = await check('content', () => prepare(store, key, rule, settings), describeContent(rule));
  if (prepared === undefined) return result;
  result.records = prepared.records;
  if (prepared.split) await planParts(db, prepared.split.parts, result, check);
  if (prepared.load) buildSql(result, rule, settings, store.bucket, fileName, prepared);
  return result;
}

async function matchRule(db: Kysely<Database>, key: string, result: Explanation) {
  try {
    const rule = await findRule(db, key);
    result.rule = describeRule(rule);
    result.checks.push({ check: 'rule', ok: true, detail: `rule ${rule.id} (${result.rule.match})` });
    result.checks.push({ check: 'extension', ok: true, detail: `'${rule.fileType}' as the rule expects` });
    return rule;
  } catch (error) {
    const ruleId = error instanceof FerryError ? error.context.ruleId : undefined;
    if (ruleId !== undefined) {
      // The name matched a rule but not its file_type: the pipeline fails (and audits) it under that rule.
      const matched = await ruleById(db, ruleId);
      result.rule = describeRule(matched);
      result.checks.push({ check: 'rule', ok: true, detail: `rule ${ruleId} (${result.rule.match})` });
      result.checks.push({ check: 'extension', ok: false, detail: errorMessage(error) });
    } else {
      result.checks.push({ check: 'rule', ok: false, detail: errorMessage(error) });
    }
    result.error = errorMessage(error);
    return undefined;
  }
}

function describeRule(rule: Rule): NonNullable<Explanation['rule']> {
  return {
    sid: rule.id,
    interface: `${rule.interfaceId} ${rule.interfaceName}`,
    target: rule.target ? `${rule.target.schema}.${rule.target.table}` : null,
    match: rule.pattern === undefined ? `token ${rule.token}` : `glob ${rule.pattern}`,
  };
}

/** The processing function's own single pass, against a store that keeps nothing. */
async function prepare(store: ReturnType<typeof dryRunStore>, key: string, rule: Rule, settings: Settings) {
  planPreparation(rule);
  return prepareFile({
    store,
    key,
    rule,
    runId: placeholderRunId,
    processingPrefix: settings.processingPrefix,
    inputPrefix: settings.inputPrefix,
    now: new Date(),
    timezone: settings.timezone,
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
      () => findRule(db, part.key),
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

function buildSql(
  result: Explanation,
  rule: Rule,
  settings: Settings,
  bucket: string,
  fileName: string,
  prepared: PreparedFile,
) {
  const load = prepared.load!;
  const manifestKey = manifestKeyOf(settings.processingPrefix, placeholderRunId, fileName);
  const loadedAt = new Date();
  const batch = buildLoad({
    rule,
    runId: placeholderRunId,
    fileName,
    loadedAt,
    manifestUrl: s3Url(bucket, manifestKey),
    iamRole: settings.iamRole,
    region: settings.region,
    compression: load.compression,
    hasHeader: load.hasHeader,
  });
  result.statementName = batch.name;
  result.manifest = buildManifest(bucket, load.keys);
  result.loadSql = batch.sqls;
  if (rule.postLoadSql === undefined) return;
  try {
    result.postLoadSql = renderPostLoadSql(
      rule.postLoadSql,
      {
        file_name: fileName,
        run_id: placeholderRunId,
        loaded_at: loadedAt.toISOString().replace('T', ' ').replace('Z', ''),
        interface_cid: rule.interfaceId,
        target_table: result.rule?.target ?? '',
      },
      rule.id,
    );
    result.checks.push({
      check: 'post-load SQL',
      ok: true,
      detail: `renders (${statementName('transform', placeholderRunId)})`,
    });
  } catch (error) {
    result.checks.push({ check: 'post-load SQL', ok: false, detail: errorMessage(error) });
    result.error ??= errorMessage(error);
  }
}
