// Waits for a submitted statement to end, for callers that need the answer now (the CLI, setup scripts).
import { TransientError } from '../../core/errors.js';
import { finalStatementStates, type StatementDescription, type Warehouse } from '../../ports/warehouse.js';

export interface WaitOptions {
  /** Give up after this long (the statement keeps running in the warehouse). */
  timeoutMs?: number;
  /** The Data API has no push for a caller without EventBridge, so the CLI polls DescribeStatement. */
  pollMs?: number;
}

export async function waitForStatement(
  warehouse: Warehouse,
  id: string,
  options: WaitOptions = {},
): Promise<StatementDescription> {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  const pollMs = options.pollMs ?? 250;
  for (;;) {
    const description = await warehouse.describe(id);
    if (finalStatementStates.includes(description.status)) return description;
    if (Date.now() > deadline) {
      throw new TransientError(
        `statement ${id} is still ${description.status} after ${options.timeoutMs} ms`,
        {
          context: { statementId: id },
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
