// Builds a file name a rule would accept, for `ferry rules`; only names the real matcher accepts are offered.
import { patternMatches, tokenMatches } from './match-rule.js';
import type { Rule } from './rule.js';

const exampleDate = '20240101';

/** A name that matches the rule (by its glob or its token) and has its file_type, or undefined when none is found. */
export function exampleFileName(rule: Rule): string | undefined {
  const candidate = rule.pattern === undefined ? fromToken(rule) : fromPattern(rule.pattern);
  if (candidate === undefined) return undefined;
  const matches =
    rule.pattern === undefined
      ? tokenMatches(`${rule.token}.`, candidate)
      : patternMatches(rule.pattern, candidate);
  return matches ? candidate : undefined;
}

function fromToken(rule: Rule): string {
  // The interface name is a readable stem; '.' and '/' would change where the token is cut.
  const stem = rule.interfaceName.replace(/[^A-Za-z0-9_-]/g, '-');
  return `${stem}_${exampleDate}_${rule.token}.${rule.fileType}`;
}

/** Fills a glob's wildcards with plain text: `*` → `x`, `?` → `x`, `[ab]` → `a`, `{a,b}` → `a`. */
function fromPattern(pattern: string): string | undefined {
  const filled = pattern
    .replace(/\{([^,}]*)[^}]*\}/g, '$1')
    .replace(/\[!?\^?([^\]])[^\]]*\]/g, '$1')
    .replace(/\*+/g, 'x')
    .replace(/\?/g, 'x')
    .replace(/\\(.)/g, '$1');
  return filled === '' ? undefined : filled;
}
