// Recognises the standard staging pattern in a batch — a COPY into a stage table, then `INSERT INTO target (…) SELECT
// <stage columns and constants> FROM stage`, the stage otherwise only dropped — so that the stand-in may run the pair
// as one COPY into the target (copy/copy-through-stage.ts) where that reaches the very same outcome.

import type { CopyCommand } from './copy/copy-command.js';
import { isCopyStatement, parseCopy } from './copy/parse-copy.js';
import {
  identifierValue,
  isSignificant,
  isWord,
  splitStatements,
  type Token,
  tokenize,
} from './sql-tokens.js';

export interface TableName {
  schema?: string;
  name: string;
}

/** One value of the INSERT's SELECT list: a column of the stage, or a constant expression (its SQL text). */
export type InsertValue = { column: string } | { constant: string };

export interface StageInsert {
  copy: CopyCommand;
  target: TableName;
  /** The INSERT's column list, one per value. */
  columns: string[];
  values: InsertValue[];
}

/**
 * The pair that starts at `sqls[index]`, or undefined: each statement alone in its sub-statement, the INSERT reading
 * the very table the COPY loads, and no later statement of the batch touching that table but to drop it.
 */
export function findStageInsert(sqls: readonly string[], index: number): StageInsert | undefined {
  const copySql = single(sqls[index]);
  const insertSql = single(sqls[index + 1]);
  if (copySql === undefined || insertSql === undefined || !isCopyStatement(copySql)) return undefined;
  const insert = parseInsertSelect(insertSql);
  if (!insert) return undefined;
  let copy: CopyCommand;
  try {
    copy = parseCopy(copySql);
  } catch {
    return undefined;
  }
  if (!sameTable(copy.table, insert.from)) return undefined;
  const laterUse = sqls
    .slice(index + 2)
    .some((sql) =>
      splitStatements(sql).some(
        (statement) => mentions(statement, copy.table.name) && !isDrop(statement, copy.table),
      ),
    );
  if (laterUse) return undefined;
  return { copy, target: insert.target, columns: insert.columns, values: insert.values };
}

function single(sql: string | undefined): string | undefined {
  if (sql === undefined) return undefined;
  const statements = splitStatements(sql);
  return statements.length === 1 ? statements[0] : undefined;
}

const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';

/** `INSERT INTO t [(…)] SELECT a, 'x'::type, … FROM s`, nothing more (no WHERE, join, ORDER BY, expression). */
export function parseInsertSelect(
  sql: string,
): { target: TableName; columns: string[]; values: InsertValue[]; from: TableName } | undefined {
  const tokens = tokenize(sql).filter(isSignificant);
  let at = 0;
  const peek = () => tokens[at];
  const word = (...words: string[]) => isWord(tokens[at], ...words) && ++at > 0;
  const punct = (text: string) => tokens[at]?.kind === 'punct' && tokens[at]?.text === text && ++at > 0;
  const table = (): TableName | undefined => {
    const found = tableAt(tokens, at);
    if (found) at = found.end;
    return found?.table;
  };
  if (!word('insert') || !word('into')) return undefined;
  const target = table();
  if (!target || !punct('(')) return undefined;
  const columns: string[] = [];
  do {
    if (!isName(peek())) return undefined;
    columns.push(identifierValue(tokens[at++]!));
  } while (punct(','));
  if (!punct(')') || !word('select')) return undefined;
  const values: InsertValue[] = [];
  do {
    if (isName(peek()) && !isWord(peek(), 'null')) {
      values.push({ column: identifierValue(tokens[at++]!) });
      continue;
    }
    const text = constant();
    if (text === undefined) return undefined;
    values.push({ constant: text });
  } while (punct(','));
  if (!word('from')) return undefined;
  const from = table();
  if (!from || at !== tokens.length || columns.length !== values.length) return undefined;
  return { target, columns, values, from };

  /** A literal (string, number, NULL), optionally cast — `::word [word…] [(n[, n])]` — as SQL text. */
  function constant(): string | undefined {
    const literal = peek();
    if (!literal || (literal.kind !== 'string' && literal.kind !== 'number' && !isWord(literal, 'null'))) {
      return undefined;
    }
    at++;
    if (!punct(':')) return literal.text;
    if (!punct(':')) return undefined;
    const type: string[] = [];
    while (peek()?.kind === 'word' && !isWord(peek(), 'from')) type.push(tokens[at++]!.text);
    if (type.length === 0) return undefined;
    const args: string[] = [];
    if (punct('(')) {
      do {
        const token = tokens[at++];
        if (token?.kind !== 'number') return undefined;
        args.push(token.text);
      } while (punct(','));
      if (!punct(')')) return undefined;
    }
    return `${literal.text}::${type.join(' ')}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
  }
}

function sameTable(a: TableName, b: TableName): boolean {
  return a.name === b.name && a.schema === b.schema;
}

function mentions(statement: string, name: string): boolean {
  return tokenize(statement).some((token) => isName(token) && identifierValue(token) === name);
}

/** The table named at `tokens[at]` (`name` or `schema.name`) and the index after it, or undefined. */
function tableAt(tokens: readonly Token[], at: number): { table: TableName; end: number } | undefined {
  if (!isName(tokens[at])) return undefined;
  const first = identifierValue(tokens[at]!);
  if (tokens[at + 1]?.text !== '.') return { table: { name: first }, end: at + 1 };
  if (!isName(tokens[at + 2])) return undefined;
  return { table: { schema: first, name: identifierValue(tokens[at + 2]!) }, end: at + 3 };
}

function isDrop(statement: string, table: TableName): boolean {
  const tokens = tokenize(statement).filter(isSignificant);
  if (!isWord(tokens[0], 'drop') || !isWord(tokens[1], 'table')) return false;
  const at = isWord(tokens[2], 'if') && isWord(tokens[3], 'exists') ? 4 : 2;
  const found = tableAt(tokens, at);
  return found !== undefined && found.end === tokens.length && sameTable(found.table, table);
}
