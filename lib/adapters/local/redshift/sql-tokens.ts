// A tokenizer for Redshift SQL that respects quotes, dollar quotes and comments, so rewrites never touch literals.

export const tokenKinds = [
  'word',
  'quoted',
  'string',
  'dollar',
  'comment',
  'space',
  'number',
  'punct',
] as const;
export type TokenKind = (typeof tokenKinds)[number];

export interface Token {
  kind: TokenKind;
  text: string;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const end = tokenEnd(sql, i);
    tokens.push({ kind: kindAt(sql, i), text: sql.slice(i, end) });
    i = end;
  }
  return tokens;
}

function kindAt(sql: string, i: number): TokenKind {
  const c = sql[i] as string;
  const next = sql[i + 1];
  if (/\s/.test(c)) return 'space';
  if ((c === '-' && next === '-') || (c === '/' && next === '*')) return 'comment';
  if (c === "'" || ((c === 'E' || c === 'e') && next === "'")) return 'string';
  if (c === '"') return 'quoted';
  if (c === '$' && DOLLAR_TAG.test(sql.slice(i, i + 64))) return 'dollar';
  if (DIGIT.test(c)) return 'number';
  if (WORD_START.test(c)) return 'word';
  return 'punct';
}

function tokenEnd(sql: string, start: number): number {
  const kind = kindAt(sql, start);
  let i = start;
  switch (kind) {
    case 'space':
      while (i < sql.length && /\s/.test(sql[i] as string)) i++;
      return i;
    case 'comment':
      return commentEnd(sql, start);
    case 'string':
      return stringEnd(sql, sql[start] === "'" ? start : start + 1);
    case 'quoted':
      return quotedEnd(sql, start, '"');
    case 'dollar': {
      const tag = (DOLLAR_TAG.exec(sql.slice(start, start + 64)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, start + tag.length);
      return close < 0 ? sql.length : close + tag.length;
    }
    case 'number':
      while (i < sql.length && /[0-9.eE]/.test(sql[i] as string)) i++;
      return i;
    case 'word':
      while (i < sql.length && WORD_PART.test(sql[i] as string)) i++;
      return i;
    default:
      return start + 1;
  }
}

function commentEnd(sql: string, start: number): number {
  if (sql[start] === '-') {
    const newline = sql.indexOf('\n', start);
    return newline < 0 ? sql.length : newline;
  }
  // Block comments nest in Postgres.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

// Redshift treats a backslash inside a literal as an escape, so `'it\'s'` is one literal.
function stringEnd(sql: string, quoteAt: number): number {
  let i = quoteAt + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '\\') i += 2;
    else if (c === "'" && sql[i + 1] === "'") i += 2;
    else if (c === "'") return i + 1;
    else i++;
  }
  return sql.length;
}

function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

/** The value a string token stands for, with Redshift's backslash escapes applied. */
export function stringValue(token: Token): string {
  const body = token.text.replace(/^[Ee]?'/, '').replace(/'$/, '');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (c === '\\' && i + 1 < body.length) {
      const n = body[++i] as string;
      out += ESCAPES[n] ?? n;
    } else out += c;
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/** The name a word or quoted-identifier token stands for (words fold to lower case). */
export function identifierValue(token: Token): string {
  if (token.kind === 'quoted') return token.text.slice(1, -1).replaceAll('""', '"');
  return token.text.toLowerCase();
}

export function isSignificant(token: Token): boolean {
  return token.kind !== 'space' && token.kind !== 'comment';
}

export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'word' && words.includes(token.text.toLowerCase());
}

/** Splits a script into statements at top-level semicolons; empty statements are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const token of tokenize(sql)) {
    if (token.kind === 'punct' && token.text === ';') {
      statements.push(current);
      current = '';
    } else current += token.text;
  }
  statements.push(current);
  return statements.filter((s) => tokenize(s).some(isSignificant));
}
