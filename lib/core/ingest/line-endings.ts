// Prepared copies end lines with `\n` only: Redshift's COPY reads the `\r` of a CRLF line as part of the last field.

/**
 * `lines` holds whole lines with their endings (as the scanner hands them over), so every `\r\n` pair is inside
 * it. Returns the same buffer when there is no `\r` — the usual case costs one `indexOf`. A `\r` not followed by
 * `\n` is content and stays. Inside a quoted CSV field, a CRLF becomes LF too.
 */
export function toLineFeeds(lines: Buffer): Buffer {
  let cr = lines.indexOf(0x0d);
  if (cr === -1) return lines;
  const out = Buffer.allocUnsafe(lines.length);
  let written = 0;
  let from = 0;
  while (cr !== -1) {
    if (lines[cr + 1] === 0x0a) {
      written += lines.copy(out, written, from, cr);
      from = cr + 1;
    }
    cr = lines.indexOf(0x0d, cr + 1);
  }
  written += lines.copy(out, written, from);
  return out.subarray(0, written);
}
