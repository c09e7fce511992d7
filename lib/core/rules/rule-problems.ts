// Collects every problem of one config row, each a ConfigError naming the rule's sid and the field.
import { ConfigError } from '../errors.js';

/** Shows a config value in a message: quoted text, or `null` for a missing one. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `'${String(value)}'`;
}

export class RuleProblems {
  readonly errors: ConfigError[] = [];

  constructor(readonly sid: number) {}

  /** Records that `field` should hold `expected` but holds `found`. */
  expected(field: string, expected: string, found: unknown): void {
    this.add(field, `expected ${expected}, found ${shown(found)}`);
  }

  add(field: string, problem: string): void {
    this.errors.push(
      new ConfigError(
        `rule ${this.sid} ${field}: ${problem}`,
        { sid: this.sid, field },
        { context: { ruleId: this.sid } },
      ),
    );
  }
}
