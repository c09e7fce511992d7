// What one file's load will do, decided from the rule, the object and the prepared file alone: the one plan the
// processing function carries out and `ferry explain` shows, so the two cannot drift apart.

import { checkSize } from '../ingest/check-size.js';
import type { PreparedLoad } from '../ingest/prepare-types.js';
import type { Rule } from '../rules/rule.js';
import { buildLoad, loadTimestamp } from './build-load.js';
import { checkCopyOptions } from './copy-options.js';
import { buildManifest, s3Url } from './manifest.js';
import { renderPostLoadSql } from './placeholders.js';
import { statementName } from './statement-name.js';

export interface PlannedCheck {
  check: 'copy options' | 'size';
  ok: boolean;
  detail: string;
  /** What a run fails with when the check does not pass. */
  error?: unknown;
}

/**
 * The checks made before the file is read, from the rule and the object's size, in the order a run makes them. A
 * split parent is never loaded itself, so its COPY options are not checked.
 */
export function planChecks(rule: Rule, size: number, minSizeBytes: number): PlannedCheck[] {
  const minimum = rule.minSizeBytes ?? minSizeBytes;
  return [
    ...(rule.split === undefined ? [checked('copy options', () => checkCopyOptions(rule), 'valid')] : []),
    checked('size', () => checkSize(size, rule, minSizeBytes), `${size} bytes, at least ${minimum} required`),
  ];
}

/** Throws the first failed check's error: a run stops there. */
export function passChecks(checks: readonly PlannedCheck[]): void {
  const failed = checks.find((check) => !check.ok);
  if (failed) throw failed.error;
}

function checked(check: PlannedCheck['check'], run: () => void, detail: string): PlannedCheck {
  try {
    run();
    return { check, ok: true, detail };
  } catch (error) {
    return { check, ok: false, detail: error instanceof Error ? error.message : String(error), error };
  }
}

export interface LoadPlanInput {
  rule: Rule;
  runId: string;
  /** The source file's base name, stamped into every row. */
  fileName: string;
  /** Stamped into every row and given to the post-load SQL as `{{loaded_at}}`. */
  loadedAt: Date | string;
  bucket: string;
  /** Where the manifest goes (a resubmission uses the one its first attempt recorded). */
  manifestKey: string;
  iamRole: string;
  region?: string;
  /** What preparation left for COPY: the objects, their compression, whether they start with a header. */
  load: PreparedLoad;
  /** resend_policy 'replace': the load time stamped into the rows of the version this file replaces. */
  replacesLoadedAt?: string;
  /** Row lineage: the object's version id, else its ETag. */
  sourceVersion?: string;
}

/** The post-load SQL as this run will submit it, or the config error that ends the run TRANSFORM_FAILED. */
export type PostLoadPlan = { statementName: string } & ({ sql: string } | { error: unknown });

export interface LoadPlan {
  manifestKey: string;
  /** The manifest's JSON, naming exactly the objects COPY loads. */
  manifest: string;
  /** `YYYY-MM-DD HH:MM:SS.fff`: the stamp on every row, recorded so a resubmission repeats the same SQL. */
  loadedAt: string;
  statementName: string;
  /** The COPY with its options, as it sits in `sqls`. */
  copySql: string;
  /** The whole batch, one transaction: stage, COPY, stamped INSERT, drop. */
  sqls: string[];
  /** The stamped INSERT … SELECT, recorded as the audit's `update_query`. */
  updateQuery: string;
  /** Absent when the rule has none. */
  postLoad?: PostLoadPlan;
  /** The version stamped into every row, when the rule has row lineage. */
  sourceVersion?: string;
}

/** The same input always gives the same plan. Throws the config error of a batch that cannot be built. */
export function planLoad(input: LoadPlanInput): LoadPlan {
  const { rule, load } = input;
  const loadedAt = loadTimestamp(input.loadedAt);
  const manifest = buildManifest(input.bucket, load.keys);
  const batch = buildLoad({
    rule,
    runId: input.runId,
    fileName: input.fileName,
    loadedAt,
    manifestUrl: s3Url(input.bucket, input.manifestKey),
    iamRole: input.iamRole,
    ...(input.region === undefined ? {} : { region: input.region }),
    compression: load.compression,
    hasHeader: load.hasHeader,
    ...(input.replacesLoadedAt === undefined ? {} : { replacesLoadedAt: input.replacesLoadedAt }),
    ...(rule.lineage && input.sourceVersion !== undefined && { sourceVersion: input.sourceVersion }),
  });
  const postLoad = planPostLoad(rule, input.runId, input.fileName, loadedAt);
  return {
    manifestKey: input.manifestKey,
    manifest,
    loadedAt,
    statementName: batch.name,
    copySql: batch.copySql,
    sqls: batch.sqls,
    updateQuery: batch.updateQuery,
    ...(postLoad === undefined ? {} : { postLoad }),
    ...(rule.lineage && input.sourceVersion !== undefined && { sourceVersion: input.sourceVersion }),
  };
}

function planPostLoad(
  rule: Rule,
  runId: string,
  fileName: string,
  loadedAt: string,
): PostLoadPlan | undefined {
  if (rule.postLoadSql === undefined) return undefined;
  const name = statementName('transform', runId);
  const values = {
    file_name: fileName,
    run_id: runId,
    loaded_at: loadedAt,
    interface_cid: rule.interfaceId,
    target_table: rule.target ? `${rule.target.schema}.${rule.target.table}` : '',
  };
  try {
    return { statementName: name, sql: renderPostLoadSql(rule.postLoadSql, values, rule.id) };
  } catch (error) {
    return { statementName: name, error };
  }
}
