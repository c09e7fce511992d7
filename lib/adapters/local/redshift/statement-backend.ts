// What the local Data API server needs from the Redshift stand-in: the Warehouse port plus listing and cancelling.
import type { StatementDescription, Warehouse } from '../../../ports/warehouse.js';

export interface StatementListFilter {
  /** A statement state (SUBMITTED, STARTED, FINISHED, FAILED, ABORTED) or ALL. */
  status?: string;
  statementName?: string;
}

export interface StatementBackend extends Warehouse {
  /** Statements newest first, optionally filtered by state or exact name. */
  list(filter?: StatementListFilter): Promise<StatementDescription[]>;
  /** true when the statement was still queued or running and is now ABORTED. */
  cancel(id: string): Promise<boolean>;
}
