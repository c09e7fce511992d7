import { describe, expect, it } from 'vitest';
import { buildLoad, type LoadInput } from '../../../../lib/core/load-sql/build-load.js';
import type { Rule } from '../../../../lib/core/rules/rule.js';
import { copyTarget, flavorLoadRule } from '../../../support/sample-rules.js';

const lineage = { lineColumn: 'source_line_number', versionColumn: 'source_version' };

function load(rule: Rule, sourceVersion?: string) {
  const input: LoadInput = {
    rule,
    runId: 'run-0001',
    fileName: 'f.txt',
    loadedAt: '2024-01-02 03:04:05',
    compression: 'none',
    hasHeader: false,
    ...copyTarget,
    ...(sourceVersion === undefined ? {} : { sourceVersion }),
  };
  return buildLoad(input);
}

describe('buildLoad with row lineage', () => {
  const rule = flavorLoadRule({ columns: [{ name: 'a' }, { name: 'b' }], lineage });

  it('stages the line number first, loads it from the file and stamps the version as a literal', () => {
    const [create, copy, insert] = load(rule, "v1'x").sqls;
    expect(create).toBe(
      'CREATE TEMP TABLE "ferry_stage" AS SELECT "source_line_number", "a", "b" FROM "rdsftetl"."dc_x_pa_flavor" LIMIT 0',
    );
    expect(copy).toMatch(/^COPY "ferry_stage" \("source_line_number", "a", "b"\) FROM /);
    expect(insert).toBe(
      'INSERT INTO "rdsftetl"."dc_x_pa_flavor" ("a", "b", "source_line_number", "source_version", "file_name", ' +
        `"target_transaction_timestamp") SELECT "a", "b", "source_line_number", 'v1''x'::varchar, 'f.txt', ` +
        `'2024-01-02 03:04:05'::timestamp FROM "ferry_stage"`,
    );
  });

  it('stamps NULL when the version is unknown, and gives the fixed-width line number its width', () => {
    const fixed = flavorLoadRule({
      layout: 'fixed_width',
      format: 'fixed_width',
      delimiter: undefined,
      columns: [{ name: 'a', width: 3 }],
      lineage,
    });
    const batch = load(fixed);
    expect(batch.updateQuery).toContain('NULL::varchar');
    expect(batch.copySql).toContain("FIXEDWIDTH 'source_line_number:12,a:3'");
  });

  it('leaves a rule without lineage as it was', () => {
    const batch = load(flavorLoadRule({ columns: [{ name: 'a' }] }), 'v1');
    expect(batch.updateQuery).not.toContain('source_');
  });
});
