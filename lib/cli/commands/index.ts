// Every `ferry` command, one line each; a new command is a new file plus one line here.
import type { Command } from 'commander';
import type { CliContext } from '../workspace.js';
import { registerCheck } from './check.js';
import { registerMigrate } from './migrate.js';
import { registerRules } from './rules.js';
import { registerSql } from './sql.js';

export function registerCommands(program: Command, context: CliContext): void {
  registerMigrate(program, context);
  registerSql(program, context);
  registerCheck(program, context);
  registerRules(program, context);
}
