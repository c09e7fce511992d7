// A JSONPaths file (JSON 's3://…'): one JSONPath expression per column, in bracket or dot notation, each naming one
// element; no wildcards or filters (https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html).
import { TerminalError } from '../../../../core/errors.js';

/** The steps of one expression: object member names and array indexes, from the root `$`. */
export type JsonPath = Array<string | number>;

const step = /^(?:\.([A-Za-z_$][\w$]*)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\])/;

export function parseJsonPath(expression: string): JsonPath {
  if (!expression.startsWith('$')) throw invalidPath(expression, "it must start with '$'");
  const path: JsonPath = [];
  let rest = expression.slice(1);
  while (rest.length > 0) {
    const match = step.exec(rest);
    if (!match) throw invalidPath(expression, `'${rest}' is not .name, ['name'] or [index]`);
    const [whole, dotted, single, double, index] = match;
    path.push(index !== undefined ? Number(index) : ((dotted ?? single ?? double) as string));
    rest = rest.slice(whole.length);
  }
  return path;
}

/**
 * The file's "jsonpaths" array. Redshift reads a file whose object is named anything else as 'auto'
 * (copy-usage_notes-copy-from-json.html); undefined says so.
 */
export function readJsonPathsFile(text: string, url: string): JsonPath[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TerminalError(`JSONPaths file '${url}' is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || !('jsonpaths' in parsed)) return undefined;
  const { jsonpaths } = parsed as { jsonpaths: unknown };
  if (!Array.isArray(jsonpaths) || !jsonpaths.every((p) => typeof p === 'string')) {
    throw new TerminalError(`JSONPaths file '${url}': expected "jsonpaths" to be an array of strings`);
  }
  return jsonpaths.map(parseJsonPath);
}

/** The element the path names, or undefined when the record has none there (it loads as NULL). */
export function evaluateJsonPath(record: unknown, path: JsonPath): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof key === 'number') value = Array.isArray(value) ? value[key] : undefined;
    else value = Array.isArray(value) ? undefined : (value as Record<string, unknown>)[key];
  }
  return value;
}

function invalidPath(expression: string, why: string): TerminalError {
  return new TerminalError(`Invalid JSONPath expression '${expression}': ${why}`);
}
