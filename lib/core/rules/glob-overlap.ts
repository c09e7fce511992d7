// Whether two file_pattern globs accept a common base name, and one such name: two active rules matching one file make
// it fail as ambiguous at run time, so `ferry check` looks for the overlap up front.
import { patternMatches } from './match-rule.js';

/** One position of a glob: a run of any characters, or exactly one character from a set. */
type Token = { star: true } | { star: false; accepts: (char: string) => boolean; sample: string };

// Characters tried when two character sets meet: enough to find a common one for any class a file name uses.
const alphabet = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))];

/**
 * A base name both globs accept, or undefined when there is none. Globs with extglobs (`@(…)`, `+(…)`) are outside
 * what this reads and report no overlap; every name it returns is confirmed by the real matcher.
 */
export function commonName(a: string, b: string): string | undefined {
  for (const left of expandBraces(a)) {
    for (const right of expandBraces(b)) {
      const x = tokenize(left);
      const y = tokenize(right);
      if (!x || !y) continue;
      const name = intersect(x, y);
      if (name !== undefined && patternMatches(a, name) && patternMatches(b, name)) return name;
    }
  }
  return undefined;
}

/** `a{b,c}d` → `abd`, `acd` (nested braces expand from the inside out). */
function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match || !match[1]!.includes(',')) return [glob];
  const head = glob.slice(0, match.index);
  const tail = glob.slice(match.index + match[0].length);
  return match[1]!.split(',').flatMap((choice) => expandBraces(`${head}${choice}${tail}`));
}

function tokenize(glob: string): Token[] | undefined {
  if (/[@+!?*]\(/.test(glob)) return undefined;
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*') {
      if (!tokens.at(-1)?.star) tokens.push({ star: true });
    } else if (char === '?') tokens.push({ star: false, accepts: () => true, sample: 'x' });
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) return undefined;
      const set = characterClass(glob.slice(i + 1, end));
      tokens.push(set);
      i = end;
    } else {
      const literal = char === '\\' ? (glob[++i] ?? '\\') : char;
      tokens.push({ star: false, accepts: (c) => c === literal, sample: literal });
    }
  }
  return tokens;
}

/** `[abc]`, `[a-z]`, `[!0-9]` / `[^0-9]`. */
function characterClass(body: string): Token {
  const negated = body.startsWith('!') || body.startsWith('^');
  const members = negated ? body.slice(1) : body;
  const ranges: [string, string][] = [];
  for (let i = 0; i < members.length; i += 1) {
    if (members[i + 1] === '-' && i + 2 < members.length) {
      ranges.push([members[i]!, members[i + 2]!]);
      i += 2;
    } else ranges.push([members[i]!, members[i]!]);
  }
  const inRanges = (c: string) => ranges.some(([low, high]) => c >= low && c <= high);
  const accepts = (c: string) => inRanges(c) !== negated;
  return { star: false, accepts, sample: alphabet.find(accepts) ?? 'x' };
}

/** A string both token lists produce, built left to right; failed positions are remembered. */
function intersect(x: Token[], y: Token[]): string | undefined {
  const failed = new Set<string>();
  const walk = (i: number, j: number): string | undefined => {
    const state = `${i},${j}`;
    if (failed.has(state)) return undefined;
    const found = step(i, j);
    if (found === undefined) failed.add(state);
    return found;
  };
  const step = (i: number, j: number): string | undefined => {
    if (i === x.length && j === y.length) return '';
    const a = x[i];
    const b = y[j];
    if (a?.star) return walk(i + 1, j) ?? (b ? prefixed(b, walk(i, j + 1)) : undefined);
    if (b?.star) return walk(i, j + 1) ?? (a ? prefixed(a, walk(i + 1, j)) : undefined);
    if (!a || !b) return undefined;
    const char = a.accepts(b.sample) ? b.sample : alphabet.find((c) => a.accepts(c) && b.accepts(c));
    if (char === undefined || !b.accepts(char)) return undefined;
    const rest = walk(i + 1, j + 1);
    return rest === undefined ? undefined : char + rest;
  };
  return walk(0, 0);
}

/** The character a set token contributes while a star on the other side absorbs it; a star contributes nothing. */
function prefixed(token: Token, rest: string | undefined): string | undefined {
  if (rest === undefined) return undefined;
  return token.star ? rest : token.sample + rest;
}
