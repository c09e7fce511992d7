// The feed contract's verdicts on a file (control totals, sequence, duplicates, re-sends) kept on its audit row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ext_file_audit add column contract_checks text').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table rdscnfg.ext_file_audit drop column contract_checks').execute(db);
}
