// The error raised for Redshift SQL the local stand-in cannot run, and the constructs it detects up front.
import { TerminalError } from '../../../core/errors.js';
import { isSignificant, isWord, type Token } from './sql-tokens.js';

export class UnsupportedConstructError extends TerminalError {
  readonly construct: string;

  constructor(construct: string) {
    super(`construct '${construct}' is not supported by the local Redshift stand-in`);
    this.name = 'UnsupportedConstructError';
    this.construct = construct;
  }
}

// Word sequences that may appear anywhere in a statement.
const anywhere: string[][] = [
  ['create', 'library'],
  ['create', 'or', 'replace', 'library'],
  ['create', 'external'],
  ['create', 'model'],
  ['language', 'plpythonu'],
  ['language', 'plpython3u'],
  ['append', 'from'],
  ['create', 'datashare'],
];
// Statements that are unsupported when they start with this word.
const leading = ['unload'] as const;

/** Throws UnsupportedConstructError for the first unsupported construct in the statement's tokens. */
export function rejectUnsupported(tokens: Token[]): void {
  const words = tokens.filter(isSignificant);
  const first = words[0];
  if (first && leading.some((w) => isWord(first, w)))
    throw new UnsupportedConstructError(first.text.toUpperCase());
  for (let i = 0; i < words.length; i++) {
    for (const sequence of anywhere) {
      if (sequence.every((w, k) => isWord(words[i + k], w))) {
        throw new UnsupportedConstructError(sequence.join(' ').toUpperCase());
      }
    }
  }
}
