// The Redshift Data API warehouse for CLI commands, built by the composition root from the command's environment.
import type { Warehouse } from '../ports/warehouse.js';
import { openAwsWarehouse } from '../wiring/aws-warehouse.js';
import type { Environment } from './workspace.js';

/** Opens the warehouse for the length of `work` and always lets its client go. */
export async function withAwsWarehouse<T>(env: Environment, work: (warehouse: Warehouse) => Promise<T>) {
  const { warehouse, close } = openAwsWarehouse(env);
  try {
    return await work(warehouse);
  } finally {
    close();
  }
}
