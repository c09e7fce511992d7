// Reads the shell commands and the SQL files of docs/deploy.md, so the test runs the guide itself and cannot drift.
import { readFileSync } from 'node:fs';

export interface GuideCommand {
  /** The line as the guide writes it (continuations joined). */
  text: string;
  /** Variables set for this command: `export`ed ones before it in its block, then its own prefix assignments. */
  env: Record<string, string>;
  /** `ferry`'s arguments; undefined for a command that is not `npx ferry` (aws, osls, npm). */
  ferry?: string[];
}

export const guidePath = new URL('../../docs/deploy.md', import.meta.url);

export function readGuide(): string {
  return readFileSync(guidePath, 'utf8');
}

/** Fenced blocks of one language, each without its indentation. */
export function fencedBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`^( *)\`\`\`${language}\\n([\\s\\S]*?)^\\1\`\`\`$`, 'gm');
  for (const match of markdown.matchAll(fence)) {
    const indent = match[1]!.length;
    blocks.push(
      match[2]!
        .split('\n')
        .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
        .join('\n'),
    );
  }
  return blocks;
}

/** Splits a shell line into words: single and double quotes, `$VAR` expanded from `vars`. */
function words(line: string, vars: Record<string, string>): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
      continue;
    }
    if (char === '$' && /[A-Za-z_]/.test(line[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1))![0];
      word = (word ?? '') + (vars[name] ?? '');
      i += name.length;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === ' ') {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) out.push(word);
  return out;
}

/** Every command of every `sh` block, in order; shell variables (`STAGE=prod …` alone on a line) carry over. */
export function guideCommands(markdown: string): GuideCommand[] {
  const vars: Record<string, string> = {};
  const commands: GuideCommand[] = [];
  for (const block of fencedBlocks(markdown, 'sh')) {
    const exported: Record<string, string> = {};
    const lines = block.replaceAll(/\\\n\s*/g, '').split('\n');
    for (const raw of lines) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line === '') continue;
      const parts = words(line, vars);
      const isExport = parts[0] === 'export';
      const assignments: Record<string, string> = {};
      let at = isExport ? 1 : 0;
      for (; at < parts.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(parts[at]!); at += 1) {
        const [name, ...value] = parts[at]!.split('=');
        assignments[name!] = value.join('=');
      }
      if (isExport) Object.assign(exported, assignments);
      if (at === parts.length) {
        if (!isExport) Object.assign(vars, assignments);
        continue;
      }
      const rest = parts.slice(at);
      const env = { ...exported, ...assignments };
      const ferry = rest[0] === 'npx' && rest[1] === 'ferry' ? rest.slice(2) : undefined;
      commands.push({ text: line, env, ...(ferry && { ferry }) });
    }
  }
  return commands;
}
