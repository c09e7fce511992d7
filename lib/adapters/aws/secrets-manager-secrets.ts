// The Secrets port on AWS Secrets Manager: one read per secret per container (or per `ttlMs`), values never logged.
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TerminalError } from '../../core/errors.js';
import type { Secrets } from '../../ports/secrets.js';
import { toFerryError } from './aws-service-error.js';

export interface SecretsManagerSecretsOptions {
  client: SecretsManagerClient;
  /** How long a value is reused; forever by default (a rotated secret then needs a new container). */
  ttlMs?: number;
  now?: () => number;
}

interface CachedSecret {
  value: Promise<string>;
  readAt: number;
}

export class SecretsManagerSecrets implements Secrets {
  private readonly client: SecretsManagerClient;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedSecret>();

  constructor(options: SecretsManagerSecretsOptions) {
    this.client = options.client;
    this.ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  get(id: string): Promise<string> {
    const cached = this.cache.get(id);
    if (cached !== undefined && this.now() - cached.readAt < this.ttlMs) return cached.value;
    // cache the promise, so concurrent first reads make one call; a failed read is not kept
    const value = this.read(id);
    this.cache.set(id, { value, readAt: this.now() });
    value.catch(() => this.cache.delete(id));
    return value;
  }

  private async read(id: string): Promise<string> {
    try {
      const output = await this.client.send(new GetSecretValueCommand({ SecretId: id }));
      if (output.SecretString !== undefined) return output.SecretString;
      if (output.SecretBinary !== undefined) return Buffer.from(output.SecretBinary).toString('utf8');
    } catch (error) {
      throw toFerryError(error, `Secrets Manager GetSecretValue of ${id}`);
    }
    throw new TerminalError(`expected secret ${id} to hold a string or binary value, found neither`);
  }
}
