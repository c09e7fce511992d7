// Splits a SQL script into statements at top-level semicolons, leaving quoted text, comments and $$ bodies intact.
import { TerminalError } from '../errors.js';

export interface ScriptStatement {
  /** The statement without its terminating semicolon, surrounding whitespace trimmed. */
  text: string;
  /** 1-based line of the statement's first character in the script, for error messages. */
  line: number;
}

/**
 * Statements of a PostgreSQL/Redshift script in order. Semicolons inside '…' and E'…' literals, "…"
 * identifiers, -- and (nested) block comments and dollar-quoted bodies ($$ … $$, $tag$ … $tag$) do not
 * split. Comments before a statement's first token are left out, and pieces holding only whitespace and
 * comments are dropped. An unterminated quote, comment or
 * dollar body is an error, because running half a statement would hide the mistake.
 */
export function splitStatementsWithLines(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  // Where the current statement's first token starts; comments before it are not part of the statement.
  let firstToken: number | undefined;
  let index = 0;
  const flush = (end: number) => {
    if (firstToken !== undefined) {
      statements.push({ text: script.slice(firstToken, end).trim(), line: lineAt(script, firstToken) });
    }
    firstToken = undefined;
  };
  while (index < script.length) {
    const char = script[index]!;
    const next = script[index + 1];
    if (char === '-' && next === '-') {
      index = skipLineComment(script, index);
    } else if (char === '/' && next === '*') {
      index = skipBlockComment(script, index);
    } else if (char === ';') {
      flush(index);
      index += 1;
    } else {
      if (firstToken === undefined && !/\s/.test(char)) firstToken = index;
      index = skipToken(script, index);
    }
  }
  flush(script.length);
  return statements;
}

/** The statement texts of a script (see `splitStatementsWithLines`). */
export function splitStatements(script: string): string[] {
  return splitStatementsWithLines(script).map((statement) => statement.text);
}

/** Index just past the token starting at `index`: a quoted literal, identifier, dollar body or one character. */
function skipToken(script: string, index: number): number {
  const char = script[index]!;
  if (char === "'") {
    const escapes = isEscapeStringPrefix(script, index);
    return skipQuoted(script, index, "'", escapes);
  }
  if (char === '"') return skipQuoted(script, index, '"', false);
  if (char === '$') {
    const tag = dollarTagAt(script, index);
    if (tag !== undefined) return skipDollarBody(script, index, tag);
  }
  return index + 1;
}

function skipLineComment(script: string, index: number): number {
  const end = script.indexOf('\n', index);
  return end === -1 ? script.length : end + 1;
}

function skipBlockComment(script: string, index: number): number {
  let depth = 0;
  let position = index;
  while (position < script.length) {
    if (script.startsWith('/*', position)) {
      depth += 1;
      position += 2;
    } else if (script.startsWith('*/', position)) {
      depth -= 1;
      position += 2;
      if (depth === 0) return position;
    } else {
      position += 1;
    }
  }
  throw unterminated('block comment', script, index);
}

function skipQuoted(script: string, index: number, quote: string, backslashEscapes: boolean): number {
  let position = index + 1;
  while (position < script.length) {
    const char = script[position];
    if (backslashEscapes && char === '\\') {
      position += 2;
    } else if (char === quote) {
      // A doubled quote stands for one quote character and does not end the token.
      if (script[position + 1] === quote) position += 2;
      else return position + 1;
    } else {
      position += 1;
    }
  }
  throw unterminated(quote === "'" ? 'string literal' : 'quoted identifier', script, index);
}

function skipDollarBody(script: string, index: number, tag: string): number {
  const delimiter = `$${tag}$`;
  const end = script.indexOf(delimiter, index + delimiter.length);
  if (end === -1) throw unterminated(`dollar-quoted body ${delimiter}`, script, index);
  return end + delimiter.length;
}

/** The tag of a dollar quote opening at `index` ('' for $$), or undefined when `$` starts something else ($1). */
function dollarTagAt(script: string, index: number): string | undefined {
  // A $ that continues an identifier (a$b) or follows a digit is not a quote opening.
  const before = script[index - 1];
  if (before !== undefined && /[A-Za-z0-9_$]/.test(before)) return undefined;
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(index, index + 130));
  return match ? (match[1] ?? '') : undefined;
}

/** True when the quote at `index` opens an E'…' string, whose backslashes escape the next character. */
function isEscapeStringPrefix(script: string, index: number): boolean {
  const prefix = script[index - 1];
  if (prefix !== 'E' && prefix !== 'e') return false;
  const beforePrefix = script[index - 2];
  return beforePrefix === undefined || !/[A-Za-z0-9_$]/.test(beforePrefix);
}

function lineAt(script: string, offset: number): number {
  let line = 1;
  for (let position = 0; position < offset; position += 1) if (script[position] === '\n') line += 1;
  return line;
}

function unterminated(what: string, script: string, index: number): TerminalError {
  return new TerminalError(
    `expected the ${what} opened at line ${lineAt(script, index)} to be closed, found the end of the script`,
  );
}
