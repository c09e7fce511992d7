// Walks the significant tokens of a COPY statement, with errors that name what was expected and found.
import { TerminalError } from '../../../../core/errors.js';
import { identifierValue, isWord, stringValue, type Token } from '../sql-tokens.js';

/** A cursor over the significant tokens of one statement. */
export class TokenCursor {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.at];
  }
  next(): Token | undefined {
    return this.tokens[this.at++];
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  /** Consumes the word if it is next. */
  accept(...words: string[]): boolean {
    if (!isWord(this.peek(), ...words)) return false;
    this.at++;
    return true;
  }
  expectWord(what: string): string {
    const token = this.next();
    if (token?.kind !== 'word' && token?.kind !== 'quoted') throw copySyntax(`${what}`, token);
    return identifierValue(token);
  }
  expectString(what: string): string {
    const token = this.next();
    if (token?.kind !== 'string') throw copySyntax(`a quoted ${what}`, token);
    return stringValue(token);
  }
  expectInteger(what: string): number {
    const token = this.next();
    if (token?.kind !== 'number' || !/^\d+$/.test(token.text))
      throw copySyntax(`${what} (a whole number)`, token);
    return Number(token.text);
  }
  expectPunct(text: string): void {
    const token = this.next();
    if (token?.text !== text) throw copySyntax(`'${text}'`, token);
  }
}

export function copySyntax(expected: string, found: Token | undefined): TerminalError {
  return new TerminalError(
    `COPY syntax: expected ${expected}, found ${found ? `'${found.text}'` : 'end of statement'}`,
  );
}
