// What both Lambda functions get from the outside world: the ports, a clock, a logger and their own settings.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Logger } from '../log.js';
import type { Notifier } from './notifier.js';
import type { ObjectStore } from './object-store.js';
import type { Warehouse } from './warehouse.js';

export interface Dependencies<Settings> {
  db: Kysely<Database>;
  store: ObjectStore;
  warehouse: Warehouse;
  notifier: Notifier;
  log: Logger;
  now: () => Date;
  settings: Settings;
}
