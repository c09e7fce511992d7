// Notifications become pending → sent, with the message kept: a retry can publish what a failed attempt could not.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`alter table rdscnfg.ferry_notification
      alter column sent_at drop not null,
      alter column sent_at drop default,
      add column claimed_at timestamptz,
      add column message jsonb`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`alter table rdscnfg.ferry_notification
      drop column message,
      drop column claimed_at,
      alter column sent_at set default now()`)
    .execute(db);
}
