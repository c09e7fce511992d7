// Steps that must not stop the steps after them: a failing one is logged and yields undefined.

import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../ports/logger.js';

export type BestEffort = <T>(name: string, action: () => Promise<T>) => Promise<T | undefined>;

/** A runner of best-effort steps that logs each failure as `message`, with the step's name and `fields`. */
export function bestEffort(log: Logger, message: string, fields: Record<string, unknown> = {}): BestEffort {
  return async (name, action) => {
    try {
      return await action();
    } catch (error) {
      log.error({ step: name, error: errorMessage(error), ...fields }, message);
      return undefined;
    }
  };
}
