// The size check made from the object's head: empty files, the deployment threshold, a rule's own minimum.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lib/core/errors.js';
import { checkSize } from '../../../../lib/core/ingest/check-size.js';
import type { Rule } from '../../../../lib/core/rules/rule.js';

describe('checkSize', () => {
  const rule = { id: 4 } as Rule;

  it('fails an empty file whatever the threshold', () => {
    expect(() => checkSize(0, rule, 0)).toThrow(
      new ValidationError('expected a non-empty file, found 0 bytes'),
    );
  });

  it('fails a file under the deployment threshold', () => {
    expect(() => checkSize(9, rule, 10)).toThrow(
      'expected at least 10 bytes (threshold_file_size_bytes), found 9 bytes',
    );
  });

  it('lets the rule’s min_size_bytes win over the threshold', () => {
    const strict = { ...rule, minSizeBytes: 100 };
    expect(() => checkSize(50, strict, 10)).toThrow(
      'expected at least 100 bytes (rule 4 min_size_bytes), found 50 bytes',
    );
    expect(checkSize(50, { ...rule, minSizeBytes: 20 }, 100)).toBeUndefined();
    expect(checkSize(10, rule, 10)).toBeUndefined();
  });
});
