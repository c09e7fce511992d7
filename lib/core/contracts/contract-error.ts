// A file refused by its feed contract: a validation failure that carries every verdict reached, passed ones too.

import type { ContractCheck } from '../../ports/notifier.js';
import { ValidationError } from '../errors.js';

export class ContractFailedError extends ValidationError {
  constructor(
    message: string,
    readonly checks: ContractCheck[],
  ) {
    super(message);
    this.name = 'ContractFailedError';
  }
}

/** The verdicts an error carries, when it is a contract's refusal. */
export function checksOf(error: unknown): ContractCheck[] | undefined {
  return error instanceof ContractFailedError ? error.checks : undefined;
}
