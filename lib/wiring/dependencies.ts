// What the composition root hands out: both functions' dependencies, the config database behind them, and close().
import type { ConfigDatabase } from '../adapters/postgres/config-database.js';
import type { StatusDependencies, StatusSettings } from '../use-cases/log-status/status-dependencies.js';
import type { ProcessDependencies, ProcessSettings } from '../use-cases/process-file/process-dependencies.js';

export type HandlerSettings = ProcessSettings & StatusSettings;

/** What either function may be given: one bag serves both handlers. */
export type HandlerDependencies<S extends HandlerSettings = HandlerSettings> = ProcessDependencies &
  StatusDependencies & { settings: S };

/** The parts a caller may supply instead of the root building them, or wrap once they are built. */
export type Part = 'db' | 'store' | 'warehouse' | 'notifier' | 'log' | 'now' | 'metrics';
export type Parts = Partial<Pick<HandlerDependencies, Part>>;

/**
 * Wraps what the root built (fault injection, recording, a test clock) instead of wiring the product again. It is
 * given the built ports and the concrete parts behind them (local mode's store and stand-in, whose drain and cancel
 * no port offers) and returns the parts to replace; the rest stay as built.
 */
export type Decorate<Built = unknown> = (ports: HandlerDependencies, built: Built) => Parts;

export interface Dependencies<S extends HandlerSettings = HandlerSettings, Built = unknown>
  extends HandlerDependencies<S> {
  readonly config: ConfigDatabase;
  /** The parts as built, before `decorate`: local mode's concrete store and stand-in, which tests and the CLI drain. */
  readonly built: Built;
  /** Closes what the root opened (the warehouse connection, then the config database); never what it was given. */
  close(): Promise<void>;
}
