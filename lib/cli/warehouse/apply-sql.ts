// Runs Redshift SQL scripts (schemas, tables, procedures) through the Warehouse port, one transaction per script.

import { TerminalError } from '../../core/errors.js';
import { dataApiLimits } from '../../core/load-sql/batch-limits.js';
import { splitStatements } from '../../core/load-sql/split-statements.js';
import type { Warehouse } from '../../ports/warehouse.js';
import { type WaitOptions, waitForStatement } from './wait-for-statement.js';

export interface SqlScript {
  name: string;
  text: string;
}

export interface AppliedScript {
  name: string;
  statements: number;
  statementId: string;
}

export async function applySqlScripts(
  warehouse: Warehouse,
  scripts: readonly SqlScript[],
  options: WaitOptions = {},
): Promise<AppliedScript[]> {
  const applied: AppliedScript[] = [];
  for (const script of scripts) {
    const statements = splitStatements(script.text);
    if (statements.length === 0) continue;
    if (statements.length > dataApiLimits.statements) {
      throw new TerminalError(
        `${script.name}: expected at most ${dataApiLimits.statements} statements per script (one Data API batch), found ${statements.length}; split the file`,
      );
    }
    const { id } = await warehouse.submit({ name: 'ferry-setup', sqls: statements, withEvent: false });
    const outcome = await waitForStatement(warehouse, id, options);
    if (outcome.status !== 'FINISHED') {
      const failed = outcome.subStatements.find((s) => s.error)?.error ?? outcome.error ?? outcome.status;
      throw new TerminalError(`${script.name} failed: ${failed}`, { context: { statementId: id } });
    }
    applied.push({ name: script.name, statements: statements.length, statementId: id });
  }
  return applied;
}
