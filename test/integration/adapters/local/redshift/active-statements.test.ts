// The stand-in holds at most maxActiveStatements statements SUBMITTED or STARTED and refuses more, as the Data API
// refuses BatchExecuteStatement with ActiveStatementsExceededException
// (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_BatchExecuteStatement.html).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../../../lib/adapters/local/local-object-store.js';
import {
  type LocalRedshiftOptions,
  LocalRedshiftWarehouse,
} from '../../../../../lib/adapters/local/redshift/local-redshift-warehouse.js';
import { openWarehouseConnection } from '../../../../../lib/adapters/postgres/open-warehouse.js';
import { TransientError } from '../../../../../lib/core/errors.js';
import { createServerDatabase, serverUrl } from '../../../../support/databases.js';

const targets = [
  { name: 'pglite', url: async () => ({ url: undefined as string | undefined, drop: async () => {} }) },
  ...(serverUrl ? [{ name: 'postgres', url: () => createServerDatabase(serverUrl!) }] : []),
];

describe.each(targets)('active statements in the stand-in on $name', (target) => {
  const cleanUps: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
  });

  async function open(options: Partial<LocalRedshiftOptions>) {
    const root = await mkdtemp(join(tmpdir(), 'ferry-active-'));
    const database = await target.url();
    const warehouse = new LocalRedshiftWarehouse({
      connection: await openWarehouseConnection(database.url ? { url: database.url } : {}),
      store: new LocalObjectStore({ root, bucket: 'ferry-test' }),
      bucket: 'ferry-test',
      ...options,
    });
    cleanUps.push(async () => {
      await warehouse.close();
      await database.drop();
      await rm(root, { recursive: true, force: true });
    });
    return warehouse;
  }

  it('refuses a submission past the limit as transient ActiveStatementsExceededException, and takes it once statements finish', async () => {
    const warehouse = await open({ maxActiveStatements: 2 });
    const submit = (n: number, clientToken?: string) =>
      warehouse.submit({
        name: `ferry:run-${n}`,
        sqls: [`select ${n}`],
        withEvent: false,
        ...(clientToken && { clientToken }),
      });
    const first = await submit(1, 'token-1');
    await submit(2);

    const refusal = await submit(3).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(TransientError);
    expect(refusal).toMatchObject({
      name: 'ActiveStatementsExceededException',
      message:
        'Active statements exceeded the limit: 2 statements are submitted or started, the most allowed',
    });
    // A repeat of an accepted submission is no new statement: it returns the first id even at the limit.
    expect(await submit(1, 'token-1')).toEqual(first);
    await warehouse.drain();
    expect(warehouse.activeStatements).toBe(0);
    const accepted = await submit(3);
    await warehouse.drain();
    expect((await warehouse.describe(accepted.id)).status).toBe('FINISHED');
  });

  it("runs a statement submitted while another one's status event is still being handled", async () => {
    let followUpFinished: (status: string) => void = () => {};
    const finished = new Promise<string>((resolve) => {
      followUpFinished = resolve;
    });
    let warehouse: LocalRedshiftWarehouse | undefined;
    warehouse = await open({
      maxActiveStatements: 1,
      onStatementEvent: async (event) => {
        if (event.detail.statementName === 'ferry:load') {
          // As log-status does: submit follow-up SQL, here waiting for it to finish before returning.
          await warehouse!.submit({ name: 'ferry-transform:load', sqls: ['select 2'], withEvent: true });
          await finished;
        } else {
          followUpFinished(event.detail.state);
        }
      },
    });

    await warehouse.submit({ name: 'ferry:load', sqls: ['select 1'], withEvent: true });
    await warehouse.drain();

    expect(await finished).toBe('FINISHED');
  });
});
