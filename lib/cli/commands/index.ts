// Every `ferry` command, one line each; a new command is a new file plus one line here.
import type { Command } from 'commander';
import type { CliContext } from '../workspace.js';
import { registerBackfill } from './backfill.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerErrors } from './errors.js';
import { registerExplain } from './explain.js';
import { registerInit } from './init.js';
import { registerMigrate } from './migrate.js';
import { registerPut } from './put.js';
import { registerReconcile } from './reconcile.js';
import { registerRelease } from './release.js';
import { registerReprocess } from './reprocess.js';
import { registerRules } from './rules.js';
import { registerServe } from './serve.js';
import { registerSql } from './sql.js';
import { registerStats } from './stats.js';
import { registerStatus } from './status.js';
import { registerWarehouse } from './warehouse.js';
import { registerWatch } from './watch.js';

export function registerCommands(program: Command, context: CliContext): void {
  registerMigrate(program, context);
  registerSql(program, context);
  registerCheck(program, context);
  registerRules(program, context);
  registerInit(program, context);
  registerPut(program, context);
  registerStatus(program, context);
  registerStats(program, context);
  registerDemo(program, context);
  registerServe(program, context);
  registerWatch(program, context);
  registerExplain(program, context);
  registerErrors(program, context);
  registerReprocess(program, context);
  registerReconcile(program, context);
  registerRelease(program, context);
  registerWarehouse(program, context);
  registerBackfill(program, context);
}
