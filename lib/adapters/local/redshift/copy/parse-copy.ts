// Parses a Redshift COPY statement (case-insensitive, options in any order) into a CopyCommand.
import { isSignificant, isWord, tokenize } from '../sql-tokens.js';
import { UnsupportedConstructError } from '../unsupported.js';
import { type CopyCommand, defaultCopyCommand } from './copy-command.js';
import { applyCopyOption } from './copy-options.js';
import { copySyntax, TokenCursor } from './token-cursor.js';

export function isCopyStatement(sql: string): boolean {
  return isWord(tokenize(sql).find(isSignificant), 'copy');
}

export function parseCopy(sql: string): CopyCommand {
  const cursor = new TokenCursor(tokenize(sql).filter(isSignificant));
  if (!cursor.accept('copy')) throw copySyntax('COPY', cursor.peek());
  const first = cursor.expectWord('a table name');
  let table: CopyCommand['table'] = { name: first };
  if (cursor.peek()?.text === '.') {
    cursor.next();
    table = { schema: first, name: cursor.expectWord('a table name') };
  }
  const columns = parseColumnList(cursor);
  if (cursor.accept('to')) throw new UnsupportedConstructError('COPY TO');
  if (!cursor.accept('from')) throw copySyntax('FROM', cursor.peek());
  const command = defaultCopyCommand(table, cursor.expectString("source ('s3://bucket/key')"));
  if (columns) command.columns = columns;
  cursor.accept('with');
  while (!cursor.done()) applyCopyOption(command, cursor);
  return command;
}

function parseColumnList(cursor: TokenCursor): string[] | undefined {
  if (cursor.peek()?.text !== '(') return undefined;
  cursor.next();
  const columns = [cursor.expectWord('a column name')];
  while (cursor.peek()?.text === ',') {
    cursor.next();
    columns.push(cursor.expectWord('a column name'));
  }
  cursor.expectPunct(')');
  return columns;
}
