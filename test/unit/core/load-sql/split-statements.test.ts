import { describe, expect, it } from 'vitest';
import { TerminalError } from '../../../../lib/core/errors.js';
import { splitStatements, splitStatementsWithLines } from '../../../../lib/core/load-sql/split-statements.js';

describe('splitStatements', () => {
  it('splits at top-level semicolons and trims each statement', () => {
    expect(splitStatements('create schema a;\n  select 1 ;select 2')).toEqual([
      'create schema a',
      'select 1',
      'select 2',
    ]);
  });

  it('keeps semicolons inside string literals, doubled quotes included', () => {
    expect(splitStatements("insert into t values ('a;b', 'it''s; fine'); select 1;")).toEqual([
      "insert into t values ('a;b', 'it''s; fine')",
      'select 1',
    ]);
  });

  it('keeps semicolons inside quoted identifiers', () => {
    expect(splitStatements('select 1 as "odd;name"; select 2')).toEqual([
      'select 1 as "odd;name"',
      'select 2',
    ]);
  });

  it('honours backslash escapes only in E strings', () => {
    expect(splitStatements("select E'a\\';b'; select 'c\\'; select 3")).toEqual([
      "select E'a\\';b'",
      "select 'c\\'",
      'select 3',
    ]);
  });

  it('keeps a $$ body with semicolons as one statement', () => {
    const script = [
      'create or replace procedure p() as $$',
      'begin',
      '  execute 1; raise info $msg$ inner; text $msg$;',
      'end;',
      '$$ language plpgsql;',
      'call p();',
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      [
        'create or replace procedure p() as $$',
        'begin',
        '  execute 1; raise info $msg$ inner; text $msg$;',
        'end;',
        '$$ language plpgsql',
      ].join('\n'),
      'call p()',
    ]);
  });

  it('keeps a tagged $body$ that contains $$ as one statement', () => {
    expect(splitStatements('select $body$ a; $$ b; $body$; select 2')).toEqual([
      'select $body$ a; $$ b; $body$',
      'select 2',
    ]);
  });

  it('does not take positional parameters or identifiers with $ for dollar quotes', () => {
    expect(splitStatements('select $1 + a$b; select $2')).toEqual(['select $1 + a$b', 'select $2']);
  });

  it('ignores semicolons in line and nested block comments and drops comment-only pieces', () => {
    const script = '-- header; still a comment\n/* outer /* inner; */ still; */\nselect 1; -- tail;\n;;';
    expect(splitStatements(script)).toEqual(['select 1']);
  });

  it('keeps comments that sit inside a statement', () => {
    expect(splitStatements('select 1, -- one; two\n 2 /* three; */;')).toEqual([
      'select 1, -- one; two\n 2 /* three; */',
    ]);
  });

  it('reports the line on which each statement starts', () => {
    const script = '-- intro\n\ncreate table a (x int);\n\n  insert into a\nvalues (1);\n';
    expect(splitStatementsWithLines(script)).toEqual([
      { text: 'create table a (x int)', line: 3 },
      { text: 'insert into a\nvalues (1)', line: 5 },
    ]);
  });

  it('returns nothing for an empty or comment-only script', () => {
    expect(splitStatements('')).toEqual([]);
    expect(splitStatements('  -- nothing here;\n /* nor; here */ ')).toEqual([]);
  });

  it('rejects an unterminated dollar body, naming where it opened', () => {
    const split = () => splitStatements('select 1;\ncreate function f() as $$ select 1;');
    expect(split).toThrow(TerminalError);
    expect(split).toThrow(
      'expected the dollar-quoted body $$ opened at line 2 to be closed, found the end of the script',
    );
  });

  it('rejects an unterminated string literal and block comment', () => {
    expect(() => splitStatements("select 'abc; select 2")).toThrow(
      'expected the string literal opened at line 1 to be closed, found the end of the script',
    );
    expect(() => splitStatements('select 1; /* open')).toThrow(
      'expected the block comment opened at line 1 to be closed, found the end of the script',
    );
  });
});
