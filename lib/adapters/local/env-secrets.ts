// The Secrets port for local mode: values from a record (environment variables or workspace settings).
import { ConfigError } from '../../core/errors.js';
import type { Secrets } from '../../ports/secrets.js';

export class EnvSecrets implements Secrets {
  private readonly values: Readonly<Record<string, string | undefined>>;

  constructor(values: Readonly<Record<string, string | undefined>>) {
    this.values = values;
  }

  async get(id: string): Promise<string> {
    const value = this.values[id];
    if (value === undefined || value === '') {
      const known = Object.keys(this.values)
        .filter((name) => this.values[name])
        .slice(0, 20);
      // names only: listing values would print secrets
      throw new ConfigError(`expected a secret named ${id}, found none among [${known.join(', ')}]`, {
        field: id,
      });
    }
    return value;
  }
}
