// How the local Data API endpoint encodes result values and column types.
import { describe, expect, it } from 'vitest';
import {
  columnMetadata,
  formatTimestamp,
  toField,
} from '../../../../../lib/adapters/local/data-api/data-api-fields.js';

describe('toField', () => {
  it('encodes each JavaScript value as the matching Field member', () => {
    const values = [
      null,
      undefined,
      true,
      42,
      -1.25,
      12n,
      2n ** 70n,
      '12.50',
      new Date('2024-01-02T03:04:05.678Z'),
      Buffer.from('hi'),
      { a: 1 },
      Number.NaN,
    ];

    const fields = values.map(toField);

    expect(fields).toEqual([
      { isNull: true },
      { isNull: true },
      { booleanValue: true },
      { longValue: 42 },
      { doubleValue: -1.25 },
      { longValue: 12 },
      { stringValue: '1180591620717411303424' },
      { stringValue: '12.50' },
      { stringValue: '2024-01-02 03:04:05.678' },
      { blobValue: 'aGk=' },
      { stringValue: '{"a":1}' },
      { stringValue: 'NaN' },
    ]);
  });
});

describe('formatTimestamp', () => {
  it('prints whole seconds without a fraction, as Redshift does', () => {
    expect(formatTimestamp(new Date('2024-12-31T23:59:59.000Z'))).toBe('2024-12-31 23:59:59');
  });
});

describe('columnMetadata', () => {
  it('reads each column type off its first non-null value', () => {
    const rows = [
      [null, 'x', null, null],
      [1, 'y', 1.5, true],
    ];

    const columns = columnMetadata(['n', 'label', 'ratio', 'flag'], rows);

    expect(columns.map((column) => [column.name, column.typeName])).toEqual([
      ['n', 'int8'],
      ['label', 'varchar'],
      ['ratio', 'float8'],
      ['flag', 'bool'],
    ]);
  });
});
