// An object key with a backslash reaches COPY intact: the manifest URL is read the way Redshift reads a literal (the
// stand-in's tokenizer applies Redshift's backslash escapes), and comes back exactly as written.
import { describe, expect, it } from 'vitest';
import { stringValue, tokenize } from '../../../../lib/adapters/local/redshift/sql-tokens.js';
import { buildCopy } from '../../../../lib/core/load-sql/build-copy.js';
import { copyUrlLiteral } from '../../../../lib/core/load-sql/sql-text.js';
import { flavorRule } from '../../../support/sample-rules.js';

const urls = [
  's3://ferry-local/processing/a\\b_527.txt.manifest',
  's3://ferry-local/processing/ends-with\\',
  "s3://ferry-local/processing/it\\'s_527.txt.manifest",
  's3://ferry-local/processing/tab\\t\\n_527.txt.manifest',
];

/** The value of the literal that follows FROM, as Redshift would read it. */
function fromValue(sql: string): string {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'space');
  const from = tokens.findIndex((t) => t.text.toUpperCase() === 'FROM');
  return stringValue(tokens[from + 1]!);
}

describe('the manifest URL in COPY', () => {
  it.each(urls)('reads back %s unchanged, backslashes included', (url) => {
    expect(stringValue(tokenize(copyUrlLiteral(url))[0]!)).toBe(url);
    const sql = buildCopy({
      rule: flavorRule(),
      table: 'ferry_stage',
      manifestUrl: url,
      iamRole: 'arn:aws:iam::123456789012:role/load',
      compression: 'none',
      hasHeader: false,
    });
    expect(fromValue(sql)).toBe(url);
    expect(tokenize(sql).filter((t) => t.kind === 'punct' && t.text === ';')).toEqual([]);
  });
});
