// Which schema, table and column names Ferry accepts from config: plain Redshift identifiers, nothing to escape.

const identifierShape = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Redshift's limit on identifier length, in bytes of UTF-8. */
export const maxIdentifierBytes = 127;

export function isIdentifier(name: string): boolean {
  return identifierShape.test(name) && Buffer.byteLength(name, 'utf8') <= maxIdentifierBytes;
}
