// Feed contracts: sequence numbers per feed and expected arrival (rule columns), and the state tables they keep.
import { type Kysely, sql } from 'kysely';

const columns = [
  'sequence_source',
  'sequence_pattern',
  'sequence_pstn',
  'sequence_policy',
  'due_time',
  'due_timezone',
  'due_days',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns)
    await sql`alter table rdscnfg.ext_file_config add column ${sql.id(column)} varchar(200)`.execute(db);
  await sql`create table rdscnfg.ferry_feed_sequence (
    ext_file_config_sid int4 primary key,
    last_sequence varchar(100) not null,
    run_id varchar(40),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table rdscnfg.ferry_late_feed (
    ext_file_config_sid int4 not null,
    due_at timestamptz not null,
    last_arrival timestamptz,
    noticed_at timestamptz not null default now(),
    primary key (ext_file_config_sid, due_at)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table rdscnfg.ferry_late_feed`.execute(db);
  await sql`drop table rdscnfg.ferry_feed_sequence`.execute(db);
  for (const column of columns)
    await sql`alter table rdscnfg.ext_file_config drop column ${sql.id(column)}`.execute(db);
}
