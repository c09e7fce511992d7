// What both Lambda functions get from the outside world: the ports, a clock, a logger and their own settings.
import type { Kysely } from 'kysely';
import type { Logger } from '../ports/logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { Notifier } from '../ports/notifier.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { Warehouse } from '../ports/warehouse.js';
import type { Database } from '../records/tables.js';

export interface Dependencies<Settings> {
  db: Kysely<Database>;
  store: ObjectStore;
  warehouse: Warehouse;
  notifier: Notifier;
  log: Logger;
  now: () => Date;
  settings: Settings;
  /** Counts and durations per file (EMF in Lambda, a file locally); absent: nothing is recorded. */
  metrics?: Metrics;
}
