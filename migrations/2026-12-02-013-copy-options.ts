// COPY options users' loads need beyond the original's: all nullable, and a null keeps an existing row's COPY exactly.
import { type Kysely, sql } from 'kysely';

const columns = [
  // ESCAPE (backslash escapes); the original's escape_char keeps meaning REMOVEQUOTES.
  'backslash_escape varchar(1)',
  // IGNOREHEADER n; null keeps header_flag's IGNOREHEADER 1.
  'ignore_header_rows int4',
  'fill_record varchar(1)',
  'trim_blanks varchar(1)',
  'round_decimals varchar(1)',
  // null keeps the original's ACCEPTINVCHARS; 'N' turns it off.
  'accept_inv_chars varchar(1)',
  'inv_char_replacement varchar(1)',
  // none, gzip, bzip2, lzop, zstd; null takes the compression file_format implies (gz, bz2, lzo).
  'input_compression varchar(10)',
  // A JSONPaths file for a json rule: s3://bucket/key, or a key in Ferry's bucket.
  'json_paths varchar(1024)',
] as const;

const names = columns.map((column) => column.split(' ')[0]);

export async function up(db: Kysely<unknown>): Promise<void> {
  const adds = columns.map((column) => `add column ${column}`).join(', ');
  await sql.raw(`alter table rdscnfg.ext_file_config ${adds}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const drops = names.map((name) => `drop column ${name}`).join(', ');
  await sql.raw(`alter table rdscnfg.ext_file_config ${drops}`).execute(db);
}
