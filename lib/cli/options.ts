// Option parsers shared by several commands: each refuses a bad value with what it expected and what it found.
import { UsageError } from './usage-error.js';

export function parseConcurrency(value: string): number {
  return positiveWhole(value, '--concurrency');
}

export function positiveWhole(value: string, option: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${option} expects a whole number of at least 1, found '${value}'`);
  }
  return Number(value);
}

/** A duration that may be zero (e.g. "take files at once"). */
export function wholeMilliseconds(value: string, option: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`${option} expects a whole number of milliseconds, found '${value}'`);
  return Number(value);
}
