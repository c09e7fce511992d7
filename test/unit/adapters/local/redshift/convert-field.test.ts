import { describe, expect, it } from 'vitest';
import type { TargetColumn } from '../../../../../lib/adapters/local/redshift/copy/column-types.js';
import { convertField } from '../../../../../lib/adapters/local/redshift/copy/convert-field.js';
import { defaultCopyCommand } from '../../../../../lib/adapters/local/redshift/copy/copy-command.js';
import { splitDelimited } from '../../../../../lib/adapters/local/redshift/copy/delimited-records.js';

const command = (overrides = {}) => ({ ...defaultCopyCommand({ name: 't' }, 's3://b/k'), ...overrides });
const varchar5: TargetColumn = { name: 'v', typeName: 'varchar', kind: 'char', notNull: false, maxBytes: 5 };
const int4: TargetColumn = {
  name: 'i',
  typeName: 'int4',
  kind: 'int',
  notNull: false,
  min: -2147483648n,
  max: 2147483647n,
};
const dec: TargetColumn = {
  name: 'd',
  typeName: 'numeric',
  kind: 'numeric',
  notNull: false,
  precision: 12,
  scale: 2,
};
const date: TargetColumn = { name: 'dt', typeName: 'date', kind: 'date', notNull: false };

describe('convertField', () => {
  it('measures varchar length in bytes and truncates only with TRUNCATECOLUMNS', () => {
    expect(convertField('héllo', varchar5, command())).toEqual({
      error: { code: 1204, message: 'String length exceeds DDL length (6 bytes > 5)' },
    });
    expect(convertField('héllo', varchar5, command({ truncateColumns: true }))).toEqual({ value: 'héll' });
  });

  it('checks integers for digits and range', () => {
    expect(convertField('42', int4, command())).toEqual({ value: '42' });
    expect(convertField('4x', int4, command())).toMatchObject({ error: { code: 1207 } });
    expect(convertField('2147483648', int4, command())).toMatchObject({ error: { code: 1222 } });
    expect(convertField('', int4, command())).toEqual({ value: null });
  });

  it('truncates extra decimal places and rejects too many integer digits', () => {
    expect(convertField('12.349', dec, command())).toEqual({ value: '12.34' });
    expect(convertField('12345678901.5', dec, command())).toMatchObject({ error: { code: 1204 } });
  });

  it('reads dates by DATEFORMAT auto or a pattern, and nulls bad ones under ACCEPTANYDATE', () => {
    expect(convertField('2015-10-15', date, command())).toEqual({ value: '2015-10-15' });
    expect(convertField('20240101', date, command())).toEqual({ value: '2024-01-01' });
    expect(convertField('10/15/2015', date, command())).toEqual({ value: '2015-10-15' });
    expect(convertField('15.10.2015', date, command({ dateFormat: 'DD.MM.YYYY' }))).toEqual({
      value: '2015-10-15',
    });
    expect(convertField('2024-02-30', date, command())).toMatchObject({ error: { code: 1205 } });
    expect(convertField('2024-02-30', date, command({ acceptAnyDate: true }))).toEqual({ value: null });
  });

  it('applies EMPTYASNULL and BLANKSASNULL to character columns', () => {
    expect(convertField('', varchar5, command())).toEqual({ value: '' });
    expect(convertField('', varchar5, command({ emptyAsNull: true }))).toEqual({ value: null });
    expect(convertField('  ', varchar5, command({ blanksAsNull: true }))).toEqual({ value: null });
  });
});

describe('splitDelimited', () => {
  it('keeps quoted delimiters under REMOVEQUOTES and escaped ones under ESCAPE', () => {
    expect(splitDelimited('"a|b"|c', command({ removeQuotes: true }))).toEqual(['a|b', 'c']);
    expect(splitDelimited('a\\|b|c', command({ escape: true }))).toEqual(['a|b', 'c']);
    expect(splitDelimited('a|\\N|', command())).toEqual(['a', null, '']);
  });
});
