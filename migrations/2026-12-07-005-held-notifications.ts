// A failed COPY's notification can wait a while for its row-level reason: it is held until a time, then published.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ferry_notification add column held_until timestamptz').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ferry_notification drop column held_until').execute(db);
}
