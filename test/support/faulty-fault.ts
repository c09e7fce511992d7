// What a fault injected through a port looks like: which call fails, and with which kind of error.
import { TerminalError, TransientError } from '../../lib/core/errors.js';

export const faultErrorKinds = ['transient', 'network', 'terminal'] as const;
export type FaultErrorKind = (typeof faultErrorKinds)[number];

export interface FaultPlan<Op extends string> {
  op: Op;
  /** Fails the nth call of `op` counted from when the plan was armed (1-based); every matching call when absent. */
  nth?: number;
  /** Only calls whose key (or statement name) matches count. */
  match?: RegExp;
  /**
   * `transient`: Ferry's TransientError; `network`: a plain Error with code ECONNRESET, as sockets throw;
   * `terminal`: Ferry's TerminalError, as an AWS ValidationException maps to (every retry fails the same way).
   */
  error?: FaultErrorKind;
  /** How many times the plan fires before it is spent (default 1; Infinity for "keeps failing"). */
  times?: number;
}

/** The error a fault throws; its message says it was injected, so a test can find it in audits and logs. */
export function faultError(kind: FaultErrorKind, what: string): Error {
  const message = `injected fault: ${what}`;
  if (kind === 'transient') return new TransientError(message);
  if (kind === 'terminal') return new TerminalError(message);
  return Object.assign(new Error(`${message} (socket hang up)`), { code: 'ECONNRESET' });
}

/** Armed plans and the calls they count; `check` throws when a plan fires. */
export class FaultBook<Op extends string> {
  private plans: Array<{ plan: FaultPlan<Op>; seen: number; fired: number }> = [];
  /** Faults fired so far, for the report. */
  injected = 0;
  readonly calls: Array<{ op: Op; subject: string }> = [];

  arm(plan: FaultPlan<Op>): this {
    this.plans.push({ plan, seen: 0, fired: 0 });
    return this;
  }

  clear(): void {
    this.plans = [];
  }

  /** Returns the error to throw for this call, if a plan fires. */
  check(op: Op, subject: string): Error | undefined {
    this.calls.push({ op, subject });
    for (const armed of this.plans) {
      const { plan } = armed;
      if (plan.op !== op || (plan.match && !plan.match.test(subject))) continue;
      armed.seen++;
      if (armed.fired >= (plan.times ?? 1)) continue;
      if (plan.nth !== undefined && armed.seen !== plan.nth) continue;
      armed.fired++;
      this.injected++;
      return faultError(plan.error ?? 'transient', `${op} ${subject}`);
    }
    return undefined;
  }
}
