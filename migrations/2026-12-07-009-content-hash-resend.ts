// Same content under another name and corrected re-sends: the rule's two policies, each run's content hash (looked
// up per rule by an index) and which run's load replaced a run's rows.
import { type Kysely, sql } from 'kysely';

const up_ = [
  'alter table rdscnfg.ext_file_config add column duplicate_policy varchar(10), add column resend_policy varchar(10)',
  'alter table rdscnfg.ferry_run add column content_hash varchar(64), add column superseded_by varchar(40)',
  `create index ferry_run_rule_hash_idx on rdscnfg.ferry_run (ext_file_config_sid, content_hash)
    where content_hash is not null`,
];

const down_ = [
  'drop index rdscnfg.ferry_run_rule_hash_idx',
  'alter table rdscnfg.ferry_run drop column superseded_by, drop column content_hash',
  'alter table rdscnfg.ext_file_config drop column resend_policy, drop column duplicate_policy',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of down_) await sql.raw(statement).execute(db);
}
