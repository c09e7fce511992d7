// Post-load SQL templates: `{{name}}` placeholders become escaped literals for this run, and nothing else changes.
import { ConfigError } from '../errors.js';
import { quoteLiteral } from './sql-text.js';

export const placeholderNames = [
  'file_name',
  'run_id',
  'loaded_at',
  'interface_cid',
  'target_table',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];
export type PlaceholderValues = Record<PlaceholderName, string>;

const placeholder = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/;

/** Length of the quoted run starting at `start` (a `'`, `"` or `$tag$`), or to the end when it never closes. */
function quotedLength(sql: string, start: number): number {
  const open = sql[start];
  if (open === '$') {
    const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(sql.slice(start))![0];
    const end = sql.indexOf(tag, start + tag.length);
    return end < 0 ? sql.length - start : end + tag.length - start;
  }
  for (let index = start + 1; index < sql.length; index += 1) {
    // Redshift reads a backslash in a string literal as an escape of the next character.
    if (open === "'" && sql[index] === '\\') index += 1;
    else if (sql[index] === open) {
      if (sql[index + 1] !== open) return index + 1 - start;
      index += 1;
    }
  }
  return sql.length - start;
}

function commentLength(sql: string, start: number): number {
  if (sql.startsWith('--', start)) {
    const end = sql.indexOf('\n', start);
    return end < 0 ? sql.length - start : end - start;
  }
  const end = sql.indexOf('*/', start + 2);
  return end < 0 ? sql.length - start : end + 2 - start;
}

/**
 * Renders a rule's post-load SQL. The template is read the way Redshift reads it (string literals, quoted
 * identifiers, dollar quotes, comments), so a placeholder is replaced only where a value belongs:
 * `{{file_name}}` and `'{{file_name}}'` both become one complete literal; a placeholder inside a longer literal
 * or identifier is refused, since splicing a literal there is what lets a value rewrite the statement.
 * Placeholders in comments stay as written. Unknown names are config errors.
 */
export function renderPostLoadSql(template: string, values: PlaceholderValues, sid?: number): string {
  const source = { sid, field: 'query' };
  const literalFor = (name: string): string => {
    if (!(placeholderNames as readonly string[]).includes(name)) {
      throw new ConfigError(
        `expected a placeholder among {{${placeholderNames.join('}}, {{')}}}, found {{${name}}}`,
        source,
      );
    }
    return quoteLiteral(values[name as PlaceholderName], source);
  };
  let out = '';
  let index = 0;
  while (index < template.length) {
    const rest = template.slice(index);
    const bare = placeholder.exec(rest);
    if (bare) {
      out += literalFor(bare[1]!);
      index += bare[0].length;
      continue;
    }
    const char = template[index]!;
    const isDollarQuote =
      char === '$' &&
      /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.test(rest) &&
      !/[A-Za-z0-9_]/.test(template[index - 1] ?? '');
    if (char === "'" || char === '"' || isDollarQuote) {
      const length = quotedLength(template, index);
      const quoted = template.slice(index, index + length);
      const whole = /^'\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}'$/.exec(quoted);
      if (whole) out += literalFor(whole[1]!);
      else if (/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/.test(quoted)) {
        throw new ConfigError(
          `expected placeholders as whole values ({{name}} or '{{name}}'), found one inside ${quoted.slice(0, 60)}`,
          source,
        );
      } else out += quoted;
      index += length;
      continue;
    }
    if (rest.startsWith('--') || rest.startsWith('/*')) {
      const length = commentLength(template, index);
      out += template.slice(index, index + length);
      index += length;
      continue;
    }
    out += char;
    index += 1;
  }
  return out;
}
