// A feed's sequence contract: where a file's sequence number is read, and what a gap, repeat or step back means.
import type { ContractCheck } from '../../ports/notifier.js';

export const sequenceSources = ['file_name', 'header'] as const;
export type SequenceSource = (typeof sequenceSources)[number];

export const sequencePolicies = ['warn', 'hold'] as const;
export type SequencePolicy = (typeof sequencePolicies)[number];

export interface SequenceContract {
  source: SequenceSource;
  /** file_name: a regular expression over the base name with exactly one capture group of digits. */
  pattern?: string;
  /** header: characters S to E-1 of the header line, as trailer_pstn counts them. */
  position?: { start: number; end: number };
  policy: SequencePolicy;
}

/** How a file's number stands to the feed's last loaded one. */
export type SequenceStanding =
  | { kind: 'first' }
  | { kind: 'next' }
  | { kind: 'gap'; expected: bigint }
  | { kind: 'repeat' }
  | { kind: 'out-of-order'; expected: bigint };

/** Compared as integers: leading zeros are fine and numbers beyond 2^53 stay exact. */
export function standingOf(last: bigint | undefined, found: bigint): SequenceStanding {
  if (last === undefined) return { kind: 'first' };
  if (found === last + 1n) return { kind: 'next' };
  if (found === last) return { kind: 'repeat' };
  if (found > last) return { kind: 'gap', expected: last + 1n };
  return { kind: 'out-of-order', expected: last + 1n };
}

/** The number in the file's name or header line, or a sentence saying what was expected and found. */
export function readSequence(
  contract: SequenceContract,
  source: { fileName: string; headerLine?: string },
): { sequence: bigint } | { problem: string } {
  if (contract.source === 'file_name') {
    const match = new RegExp(contract.pattern ?? '').exec(source.fileName);
    const digits = match?.[1];
    if (digits === undefined || !/^\d+$/.test(digits)) {
      return {
        problem: `expected the file name to hold a sequence number matching /${contract.pattern}/, found '${source.fileName}'`,
      };
    }
    return { sequence: BigInt(digits) };
  }
  const { start, end } = contract.position ?? { start: 1, end: 1 };
  const text = (source.headerLine ?? '').slice(start - 1, end - 1).trim();
  if (!/^\d+$/.test(text)) {
    return {
      problem: `expected a sequence number in characters ${start}:${end} of the header line, found '${text}'`,
    };
  }
  return { sequence: BigInt(text) };
}

/** Exactly one capturing group: `_(\d+)\.txt$` yes, `(\d+)_(\d+)` or `\d+` no. */
export function captureGroups(pattern: string): number {
  // A regular expression's group count is the length of a match of the empty alternative, less one.
  return new RegExp(`${pattern}|`).exec('')!.length - 1;
}

/** The number a sequence verdict found (digits first: `530, a gap` is 530), when the verdict has one. */
export function foundSequence(checks: readonly ContractCheck[] | undefined): bigint | undefined {
  const check = checks?.find((one) => one.check === 'sequence');
  const digits = /^\d+/.exec(check?.found ?? '')?.[0];
  return digits === undefined ? undefined : BigInt(digits);
}
