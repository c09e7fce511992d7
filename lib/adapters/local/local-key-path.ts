// Maps S3 object keys onto relative file-system paths and back, so any legal key can be stored in a directory.
//
// A key is split on `/`; each segment becomes one path part, kept readable where it is safe:
// - `%`, control characters and `\` are written as `%XX`; a leading `.` as `%2E`, so `.`/`..` cannot climb out
//   and every name starting with `.` is free for the store's own files (temp files, ETag sidecars);
// - an empty segment (`a//b`, or the folder marker `external_input/`) is the lone name `%`;
// - a segment whose encoded form exceeds MAX_PART_BYTES (a file name may hold 255 bytes; a 1,024-byte key
//   can be one segment) is cut into pieces of at most that many bytes, each a nested directory whose name ends
//   in the marker `%+`. `%` is otherwise always followed by two hex digits, so the marker is unambiguous.
// Decoding reverses all three, so listing needs nothing but the paths.

export const MAX_PART_BYTES = 200;
const CONTINUATION = '%+';
const EMPTY_SEGMENT = '%';

export function keyToParts(key: string): string[] {
  return key.split('/').flatMap(segmentToParts);
}

export function partsToKey(parts: readonly string[]): string {
  const segments: string[] = [];
  let pending = '';
  for (const part of parts) {
    if (part.endsWith(CONTINUATION)) {
      pending += decodePiece(part.slice(0, -CONTINUATION.length));
      continue;
    }
    segments.push(pending === '' && part === EMPTY_SEGMENT ? '' : pending + decodePiece(part));
    pending = '';
  }
  return segments.join('/');
}

/** True for names the store writes for itself, never the encoding of a key segment. */
export function isInternalName(name: string): boolean {
  return name.startsWith('.');
}

function segmentToParts(segment: string): string[] {
  if (segment === '') return [EMPTY_SEGMENT];
  const pieces: string[] = [];
  let piece = '';
  let pieceBytes = 0;
  for (const char of segment) {
    const encoded = encodeChar(char, piece === '');
    const bytes = Buffer.byteLength(encoded, 'utf8');
    if (pieceBytes + bytes > MAX_PART_BYTES) {
      pieces.push(piece);
      piece = encodeChar(char, true);
      pieceBytes = Buffer.byteLength(piece, 'utf8');
    } else {
      piece += encoded;
      pieceBytes += bytes;
    }
  }
  pieces.push(piece);
  return pieces.map((text, index) => (index < pieces.length - 1 ? text + CONTINUATION : text));
}

function encodeChar(char: string, first: boolean): string {
  const code = char.codePointAt(0) ?? 0;
  const unsafe = char === '%' || char === '\\' || code < 0x20 || code === 0x7f || (first && char === '.');
  return unsafe ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
}

function decodePiece(piece: string): string {
  return piece.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
