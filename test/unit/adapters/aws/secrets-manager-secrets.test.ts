import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { SecretsManagerSecrets } from '../../../../lib/adapters/aws/secrets-manager-secrets.js';
import { EnvSecrets } from '../../../../lib/adapters/local/env-secrets.js';
import { ConfigError, TerminalError, TransientError } from '../../../../lib/core/errors.js';

/** A client double answering GetSecretValue from a script and counting calls. */
function scriptedClient(answer: (id: string) => Promise<Record<string, unknown>>) {
  const calls: string[] = [];
  const client = {
    async send(command: GetSecretValueCommand) {
      expect(command).toBeInstanceOf(GetSecretValueCommand);
      const id = command.input.SecretId ?? '';
      calls.push(id);
      return answer(id);
    },
  } as unknown as SecretsManagerClient;
  return { client, calls };
}

function serviceError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe('SecretsManagerSecrets', () => {
  it('reads a secret once and serves repeats and concurrent reads from its cache', async () => {
    const { client, calls } = scriptedClient(async (id) => ({ SecretString: `value of ${id}` }));
    const secrets = new SecretsManagerSecrets({ client });

    const values = await Promise.all([secrets.get('db'), secrets.get('db'), secrets.get('other')]);
    const again = await secrets.get('db');

    expect(values).toEqual(['value of db', 'value of db', 'value of other']);
    expect(again).toBe('value of db');
    expect(calls).toEqual(['db', 'other']);
  });

  it('reads again once the cached value is older than ttlMs', async () => {
    let now = 1000;
    const { client, calls } = scriptedClient(async () => ({ SecretString: `read at ${now}` }));
    const secrets = new SecretsManagerSecrets({ client, ttlMs: 500, now: () => now });

    const first = await secrets.get('db');
    now = 1400;
    const cached = await secrets.get('db');
    now = 1600;
    const fresh = await secrets.get('db');

    expect([first, cached, fresh]).toEqual(['read at 1000', 'read at 1000', 'read at 1600']);
    expect(calls).toHaveLength(2);
  });

  it('decodes a binary secret as UTF-8', async () => {
    const { client } = scriptedClient(async () => ({ SecretBinary: new TextEncoder().encode('bïnary') }));

    expect(await new SecretsManagerSecrets({ client }).get('bin')).toBe('bïnary');
  });

  it('does not cache a failure: throttling is transient and the next call reads again', async () => {
    let attempt = 0;
    const { client, calls } = scriptedClient(async () => {
      attempt += 1;
      if (attempt === 1) throw serviceError('ThrottlingException', 400);
      return { SecretString: 'ok' };
    });
    const secrets = new SecretsManagerSecrets({ client });

    const failure = await secrets.get('db').catch((error: unknown) => error);
    const value = await secrets.get('db');

    expect(failure).toBeInstanceOf(TransientError);
    expect((failure as Error).message).toBe(
      'Secrets Manager GetSecretValue of db failed: ThrottlingException: ThrottlingException happened',
    );
    expect(value).toBe('ok');
    expect(calls).toEqual(['db', 'db']);
  });

  it('reports a missing secret as terminal', async () => {
    const { client } = scriptedClient(async () => {
      throw serviceError('ResourceNotFoundException', 400);
    });

    const failure = await new SecretsManagerSecrets({ client }).get('nope').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TerminalError);
    expect((failure as Error).message).toContain('ResourceNotFoundException');
  });
});

describe('EnvSecrets', () => {
  it('answers from its record and names the known secrets, never their values, when one is missing', async () => {
    const secrets = new EnvSecrets({ DATABASE_SECRET: 'hunter2', EMPTY: '' });

    expect(await secrets.get('DATABASE_SECRET')).toBe('hunter2');
    const failure = await secrets.get('REDSHIFT_SECRET').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toBe(
      'expected a secret named REDSHIFT_SECRET, found none among [DATABASE_SECRET]',
    );
    expect((failure as Error).message).not.toContain('hunter2');
  });
});
