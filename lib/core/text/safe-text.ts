// The one place that makes a text safe to store or send: file content quoted in a message, and the records' last guard.

/** C0 controls, DEL and C1 controls: never shown raw in a message (NUL is refused by PostgreSQL text outright). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

const visible = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A piece of file content as a message quotes it: each control character shown as `\uXXXX` (a NUL reads `\u0000`),
 * cut to `max` characters so a binary or endless line cannot flood the audit.
 */
export function excerpt(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(controlCharacters, visible);
}

/**
 * The last guard before a text reaches the config database or a notification: PostgreSQL text cannot hold NUL
 * (PGlite and the server both refuse it), so a NUL that got this far is written visibly as `\u0000`. Other
 * characters are kept: messages may hold line feeds (Redshift errors, SQL).
 */
export function storableText<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string' || !text.includes('\u0000')) return text;
  return text.replaceAll('\u0000', '\\u0000') as T;
}

/** JSON's escape of NUL, not itself escaped: PostgreSQL's jsonb refuses it (`unsupported Unicode escape sequence`). */
const jsonNul = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** JSON text made storable in a jsonb column: an escaped NUL becomes the visible text `\u0000`. */
export function storableJson<T extends string | null | undefined>(json: T): T {
  if (typeof json !== 'string' || !json.includes('\\u0000')) return json;
  return json.replace(jsonNul, '$1\\\\u0000') as T;
}

/** A value bound for a jsonb column (an object, or JSON text) with every NUL made storable. */
export function storableJsonValue<T>(value: T): T {
  if (typeof value === 'string') return storableJson(value) as T;
  if (value === null || value === undefined) return value;
  return JSON.parse(storableJson(JSON.stringify(value))) as T;
}
