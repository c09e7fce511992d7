// A rule may allow its compressed files to expand further than the global FERRY_MAX_EXPANSION_RATIO (or less).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ext_file_config add column max_expansion_ratio int4').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ext_file_config drop column max_expansion_ratio').execute(db);
}
