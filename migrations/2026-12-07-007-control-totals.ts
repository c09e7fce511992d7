// Trailer control totals (a column's sum, a digest of the data lines) and row lineage (line number, object version).
import { type Kysely, sql } from 'kysely';

const columns = [
  ['control_sum_column', 'varchar(128)'],
  ['control_sum_pstn', 'varchar(20)'],
  ['control_hash_pstn', 'varchar(20)'],
  ['control_hash_algorithm', 'varchar(10)'],
  ['lineage_flag', 'char(1)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of columns) {
    await sql.raw(`alter table rdscnfg.ext_file_config add column ${name} ${type}`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of [...columns].reverse()) {
    await sql.raw(`alter table rdscnfg.ext_file_config drop column ${name}`).execute(db);
  }
}
