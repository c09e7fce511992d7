// A Warehouse that fails submissions or descriptions, makes statements fail or abort, or swallows their status events.
import type {
  StatementDescription,
  StatementResult,
  SubmitRequest,
  Warehouse,
} from '../../lib/ports/warehouse.js';
import { FaultBook, type FaultPlan } from './faulty-fault.js';

/**
 * - `submit`: refused before the warehouse saw it;
 * - `submit-lost`: the warehouse accepted and ran it, but the answer never came back (a timeout after acceptance);
 * - `describe`: DescribeStatement fails;
 * - `describe-running`: DescribeStatement says the statement is still running;
 * - `fail-statement`: the batch fails after its INSERT (a division by zero before the final DROP), so the whole
 *   transaction must roll back;
 * - `abort`: the statement is cancelled as soon as it is submitted;
 * - `silent`: the statement runs but its status event never arrives (the warehouse "never answers").
 */
export const warehouseOps = [
  'submit',
  'submit-lost',
  'describe',
  'describe-running',
  'fail-statement',
  'abort',
  'silent',
] as const;
export type WarehouseOp = (typeof warehouseOps)[number];
export type WarehouseFault = FaultPlan<WarehouseOp>;

export interface Cancellable extends Warehouse {
  cancel(id: string): Promise<boolean>;
  drain(): Promise<void>;
}

export class FaultyWarehouse implements Warehouse {
  readonly faults = new FaultBook<WarehouseOp>();
  /** Statements whose status events are swallowed. */
  readonly silenced = new Set<string>();
  private readonly running = new Set<string>();

  constructor(private readonly inner: Cancellable) {}

  /** Runs before each submission reaches the warehouse (e.g. to change what a load will read). */
  beforeSubmit: ((request: SubmitRequest) => Promise<void>) | undefined;

  async submit(request: SubmitRequest): Promise<{ id: string }> {
    this.raise('submit', request.name);
    await this.beforeSubmit?.(request);
    const failing = this.faults.check('fail-statement', request.name) !== undefined;
    const sqls = failing
      ? [...request.sqls.slice(0, -1), 'SELECT 1/0', ...request.sqls.slice(-1)]
      : request.sqls;
    const aborting = this.faults.check('abort', request.name) !== undefined;
    const silent = this.faults.check('silent', request.name) !== undefined;
    const lost = this.faults.check('submit-lost', request.name);
    const { id } = await this.inner.submit({ ...request, sqls });
    if (silent) this.silenced.add(id);
    if (aborting) await this.inner.cancel(id);
    if (this.faults.check('describe-running', request.name) !== undefined) this.running.add(id);
    if (lost !== undefined) {
      // The statement ran (and its event fired) before the caller heard anything back.
      await this.inner.drain();
      throw lost;
    }
    return { id };
  }

  async describe(id: string): Promise<StatementDescription> {
    this.raise('describe', id);
    const description = await this.inner.describe(id);
    if (this.running.delete(id)) return { ...description, status: 'STARTED' };
    return description;
  }

  results(id: string): Promise<StatementResult> {
    return this.inner.results(id);
  }

  private raise(op: WarehouseOp, subject: string): void {
    const error = this.faults.check(op, subject);
    if (error !== undefined) throw error;
  }
}
