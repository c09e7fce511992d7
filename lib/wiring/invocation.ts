// The Lambda context as the handlers use it: the request id on every log line, and the time left to end cleanly.
import { TransientError } from '../core/errors.js';
import type { Logger } from '../ports/logger.js';

/**
 * The part of the Lambda context object Ferry reads, passed as the handler's second argument ("Using the Lambda
 * context object to retrieve Node.js function information", https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html).
 * Local runs pass none.
 */
export interface InvocationContext {
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** A child logger carrying the request id, so every line of the invocation has it; the logger itself without one. */
export function requestLog(log: Logger, context: InvocationContext | undefined): Logger {
  return context === undefined ? log : log.child({ requestId: context.awsRequestId });
}

export interface Deadline {
  /** Aborted `marginMs` before the timeout, with a TransientError saying so. */
  signal: AbortSignal;
  /** Stops the timer: call when the invocation ends. */
  end(): void;
}

/** Undefined without a context (local runs have no timeout). */
export function invocationDeadline(
  context: InvocationContext | undefined,
  marginMs: number,
): Deadline | undefined {
  if (context === undefined) return undefined;
  const remaining = context.getRemainingTimeInMillis();
  const controller = new AbortController();
  const stop = () =>
    controller.abort(
      new TransientError(
        `expected the preparation to end ${marginMs} ms before the Lambda timeout, found it still running ` +
          `(${remaining} ms were left when the invocation started); the run is released for a retry`,
      ),
    );
  const timer = setTimeout(stop, Math.max(0, remaining - marginMs));
  timer.unref();
  return { signal: controller.signal, end: () => clearTimeout(timer) };
}
