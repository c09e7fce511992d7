import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../lib/core/errors.js';
import {
  copyOptionLiteral,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
} from '../../../../lib/core/load-sql/sql-text.js';

/** Where a literal opened at `start` ends, reading backslash as an escape (Redshift) or as a plain character. */
function literalEnd(sql: string, start: number, backslashEscapes: boolean): number {
  for (let index = start + 1; index < sql.length; index += 1) {
    if (backslashEscapes && sql[index] === '\\') index += 1;
    else if (sql[index] === "'") {
      if (sql[index + 1] !== "'") return index;
      index += 1;
    }
  }
  return -1;
}

/** The quoted pieces of a quoteLiteral result, each read as far as each dialect reads it. */
function pieceEnds(sql: string, backslashEscapes: boolean): Array<[number, number]> {
  const ends: Array<[number, number]> = [];
  for (let index = sql.indexOf("'"); index >= 0; ) {
    const end = literalEnd(sql, index, backslashEscapes);
    ends.push([index, end]);
    index = end < 0 ? -1 : sql.indexOf("'", end + 1);
  }
  return ends;
}

describe('quoteIdentifier', () => {
  it('double-quotes a plain name and folds it to lower case as Redshift does', () => {
    expect(quoteIdentifier('flavor_id')).toBe('"flavor_id"');
    expect(quoteIdentifier('Flavor_ID$2')).toBe('"flavor_id$2"');
  });

  it.each([['a"b'], ['x; drop'], ['1abc'], [''], ['a b'], ["a'b"], ['a-b'], ['naïve']])(
    'rejects %j as a config error naming the source',
    (name) => {
      expect(() => quoteIdentifier(name, { sid: 4, field: 'column_name' })).toThrow(ConfigError);
      try {
        quoteIdentifier(name, { sid: 4, field: 'column_name' });
      } catch (error) {
        expect(error).toMatchObject({ sid: 4, field: 'column_name' });
        expect((error as Error).message).toContain(JSON.stringify(name));
      }
    },
  );

  it('accepts 127 bytes and rejects 128', () => {
    expect(quoteIdentifier('a'.repeat(127))).toBe(`"${'a'.repeat(127)}"`);
    expect(() => quoteIdentifier('a'.repeat(128))).toThrow('at most 127 bytes, found 128 bytes');
  });

  it('qualifies a table with its schema and names the field at fault', () => {
    expect(qualifiedName('rdsftetl', 'dc_x_pa_flavor')).toBe('"rdsftetl"."dc_x_pa_flavor"');
    expect(() => qualifiedName('rdsftetl', 'x; drop', 4)).toThrow(
      expect.objectContaining({ sid: 4, field: 'tgt_table_name' }),
    );
    expect(() => qualifiedName('bad schema', 't', 4)).toThrow(
      expect.objectContaining({ field: 'tgt_schema_name' }),
    );
  });
});

describe('quoteLiteral', () => {
  it('doubles single quotes', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("'; drop table x; --")).toBe("'''; drop table x; --'");
    expect(quoteLiteral('')).toBe("''");
  });

  it('splices backslashes in as chr(92) so neither dialect reads them as escapes', () => {
    expect(quoteLiteral('a\\b')).toBe("('a' || chr(92) || 'b')");
    expect(quoteLiteral("\\'")).toBe("('' || chr(92) || '''')");
    expect(quoteLiteral('\\')).toBe("('' || chr(92) || '')");
  });

  it('rejects NUL', () => {
    expect(() => quoteLiteral('a\0b', { field: 'query' })).toThrow('found a NUL');
  });

  it('never lets a value end a quoted piece early, under either reading of backslashes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((value) => !value.includes('\0')),
        (value) => {
          const sql = quoteLiteral(value);
          for (const escapes of [true, false]) {
            for (const [start, end] of pieceEnds(sql, escapes)) {
              expect(end).toBeGreaterThan(start);
              const after = sql.slice(end + 1);
              // What follows a piece is only the splice or the closing parenthesis, never value text.
              expect(after === '' || after === ')' || after.startsWith(' || chr(92) || ')).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('copyOptionLiteral', () => {
  it('keeps the escape sequences COPY gives meaning to', () => {
    expect(copyOptionLiteral('\\t')).toBe("'\\t'");
    expect(copyOptionLiteral('\\N')).toBe("'\\N'");
    expect(copyOptionLiteral('\\001')).toBe("'\\001'");
    expect(copyOptionLiteral('\\\\')).toBe("'\\\\'");
  });

  it('doubles a quote used as a value, such as a CSV quote character', () => {
    expect(copyOptionLiteral("'")).toBe("''''");
  });

  it.each([
    ['\\', 'a trailing backslash'],
    ["\\'", 'a backslash before a quote'],
    ["a\\\\\\'b", 'an escaped backslash followed by a backslash-quote'],
  ])('rejects %j (%s)', (value) => {
    expect(() => copyOptionLiteral(value, { sid: 4, field: 'delimiter' })).toThrow(
      expect.objectContaining({ sid: 4, field: 'delimiter' }),
    );
  });

  it('rejects line breaks and NUL', () => {
    expect(() => copyOptionLiteral('a\nb')).toThrow('found a line break');
    expect(() => copyOptionLiteral('a\0')).toThrow('found a NUL');
  });

  it('ends every accepted literal at its last character under either reading of backslashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        let sql: string;
        try {
          sql = copyOptionLiteral(value);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return;
        }
        expect(literalEnd(sql, 0, true)).toBe(sql.length - 1);
        expect(literalEnd(sql, 0, false)).toBe(sql.length - 1);
      }),
      { numRuns: 500 },
    );
  });
});
