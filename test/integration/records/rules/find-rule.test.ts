import { readFile } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigDatabase } from '../../../../lib/adapters/postgres/config-database.js';
import { ConfigError, TerminalError } from '../../../../lib/core/errors.js';
import { findRule, requireRule } from '../../../../lib/records/rules/find-rule.js';
import { loadRules } from '../../../../lib/records/rules/load-rules.js';
import type { Database } from '../../../../lib/records/tables.js';
import { databaseTargets } from '../../../support/databases.js';

const fixture = new URL('../../../fixtures/config/original-style.sql', import.meta.url);

async function withOriginalConfig(
  open: () => Promise<ConfigDatabase>,
  work: (database: ConfigDatabase) => Promise<void>,
): Promise<void> {
  const database = await open();
  try {
    await database.runScript(await readFile(fixture, 'utf8'));
    await work(database);
  } finally {
    await database.close();
  }
}

/** Inserts one more rule for interface 527, an original-style row plus one column. */
async function addRule(db: Kysely<Database>, sid: number, filePrefix: string, filePattern: string | null) {
  await db
    .insertInto('rdscnfg.ext_file_config')
    .values({
      ext_file_config_sid: sid,
      ext_interface_cid: 527,
      tgt_schema_name: 'rdsftetl',
      tgt_table_name: `t${sid}`,
      file_prefix: filePrefix,
      file_format: 'txt',
      file_type: 'txt',
      delimiter: '|',
      header_flag: 'N',
      trailer_flag: 'N',
      split_file_flag: 'N',
      file_pattern: filePattern,
    })
    .execute();
  await db
    .insertInto('rdscnfg.ext_file_config_dtl')
    .values({
      ext_file_config_dtl_sid: 1000 + sid,
      ext_file_config_sid: sid,
      column_name: 'a',
      column_order_sqnc: 1,
    })
    .execute();
}

const rollback = new Error('roll back the test changes');

/** The rule a key finds, or the error a run fails with when it finds none it can use. */
async function ruleFor(db: Kysely<Database>, key: string) {
  return requireRule(await findRule(db, key));
}

describe.each(databaseTargets)('findRule on $name', (target) => {
  let database: ConfigDatabase;

  beforeAll(async () => {
    database = await target.open();
    await database.runScript(await readFile(fixture, 'utf8'));
  });

  afterAll(async () => {
    await database?.close();
  });

  /** Runs one test inside a transaction that is rolled back, so every test starts from the script's rows. */
  async function isolated(work: (db: Kysely<Database>) => Promise<void>) {
    const outcome = await database.db
      .transaction()
      .execute(async (trx) => {
        await work(trx);
        throw rollback;
      })
      .catch((error: unknown) => error);
    if (outcome !== rollback) throw outcome;
  }

  it('matches the sample pipe-delimited file to rule 4 with its seven columns in order', async () => {
    await isolated(async (db) => {
      const rule = await ruleFor(db, 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt');
      expect(rule).toMatchObject({
        id: 4,
        interfaceId: '527',
        interfaceName: 'NDC_X_PA_TYPE',
        target: { schema: 'rdsftetl', table: 'dc_x_pa_flavor' },
        token: '527',
        layout: 'delimited',
        delimiter: '|',
        header: false,
      });
      expect(rule.trailer).toBeUndefined();
      expect(rule.postLoadSql).toBe(
        "call rdsftorchestration.execute_sql_from_table('rdsftcore','dc_x_pa_flavor', '2015-10-15 00:00:00', '2015-10-16 00:00:00');",
      );
      expect(rule.columns.map((c) => c.name)).toEqual([
        'flavor_id',
        'flavor_code',
        'flavor_name',
        'category',
        'effective_date',
        'price',
        'active_flag',
      ]);
    });
  });

  it('matches the gzip CSV to rule 5 by the token before its double extension', async () => {
    await isolated(async (db) => {
      const rule = await ruleFor(db, 'external_input/hosp10_2014_RPT_558.csv.gz');
      expect([rule.id, rule.compression, rule.header, rule.delimiter, rule.fileType]).toEqual([
        5,
        'gzip',
        true,
        ',',
        'gz',
      ]);
    });
  });

  it('reads the fixed-width rule with widths by column_order_sqnc and without its retired column', async () => {
    await isolated(async (db) => {
      const rule = await ruleFor(db, 'external_input/ACCT_20240101_600.dat');
      expect(rule.columns).toEqual([
        { name: 'acct_no', width: 10 },
        { name: 'acct_name', width: 20 },
        { name: 'open_date', width: 8 },
        { name: 'balance', width: 12 },
      ]);
    });
  });

  it('matches a split parent and each of its record-type parts to their own rules', async () => {
    await isolated(async (db) => {
      const parent = await ruleFor(db, 'external_input/CLAIMS_20240102_700.txt');
      expect([parent.id, parent.target, parent.split, parent.trailer]).toEqual([
        7,
        undefined,
        { codes: ['H1', 'D1'] },
        { start: 4, end: 14 },
      ]);
      const header = await ruleFor(db, 'external_input/CLAIMS-20240102101010_700-H1.txt');
      const detail = await ruleFor(db, 'external_input/CLAIMS-20240102101010_700-D1.txt');
      expect([header.id, header.target?.table, detail.id, detail.target?.table]).toEqual([
        8,
        'claim_header',
        9,
        'claim_detail',
      ]);
    });
  });

  it('fails a file whose token no active rule has, naming the file and the token', async () => {
    await isolated(async (db) => {
      const lookup = ruleFor(db, 'external_input/PROD_20151015_999.txt');
      await expect(lookup).rejects.toThrow(TerminalError);
      await expect(lookup).rejects.toThrow(
        "no active rule matches file 'PROD_20151015_999.txt' (token '999', no file_pattern matches)",
      );
    });
  });

  it('does not match token 27 to file_prefix 527. (the original LIKE did)', async () => {
    await isolated(async (db) => {
      await expect(ruleFor(db, 'external_input/PROD_27.txt')).rejects.toThrow(
        "no active rule matches file 'PROD_27.txt' (token '27'",
      );
      await addRule(db, 10, '27.', null);
      expect((await ruleFor(db, 'external_input/PROD_27.txt')).id).toBe(10);
      expect((await ruleFor(db, 'external_input/PROD_527.txt')).id).toBe(4);
    });
  });

  it('fails a file whose extension is not the rule file_type', async () => {
    await isolated(async (db) => {
      const lookup = ruleFor(db, 'external_input/PROD_20151015_527.csv');
      await expect(lookup).rejects.toThrow(TerminalError);
      await expect(lookup).rejects.toThrow(
        "rule 4 expects file_type 'txt', file 'PROD_20151015_527.csv' has extension 'csv'",
      );
    });
  });

  it.each(['I', 'D'])('ignores a rule whose oprtnl_flag is %s', async (flag) => {
    await isolated(async (db) => {
      await sql`update rdscnfg.ext_file_config set oprtnl_flag = ${flag} where ext_file_config_sid = 4`.execute(
        db,
      );
      await expect(ruleFor(db, 'external_input/PROD_527.txt')).rejects.toThrow(
        "no active rule matches file 'PROD_527.txt' (token '527'",
      );
    });
  });

  it('fails a file that two active rules match, naming both', async () => {
    await isolated(async (db) => {
      await addRule(db, 10, '527.', null);
      await expect(ruleFor(db, 'external_input/PROD_527.txt')).rejects.toThrow(
        "file 'PROD_527.txt' matches more than one active rule: 4 and 10 (expected exactly one)",
      );
    });
  });

  it('lets a rule whose file_pattern matches win over the token rule', async () => {
    await isolated(async (db) => {
      await addRule(db, 11, '527.', 'PROD_*_PA_FLAVOR_527.txt');
      expect((await ruleFor(db, 'external_input/PROD_20151015_150510973_PA_FLAVOR_527.txt')).id).toBe(11);
      expect((await ruleFor(db, 'external_input/OTHER_527.txt')).id).toBe(4);
    });
  });

  it('fails a matching rule that does not parse with its ConfigError', async () => {
    await isolated(async (db) => {
      await sql`update rdscnfg.ext_file_config set trailer_flag = 'Y', trailer_pstn = null where ext_file_config_sid = 4`.execute(
        db,
      );
      const lookup = ruleFor(db, 'external_input/PROD_527.txt');
      await expect(lookup).rejects.toThrow(ConfigError);
      await expect(lookup).rejects.toMatchObject({ sid: 4, field: 'trailer_pstn' });
    });
  });

  it('says what it found when no rule is usable: the rule of a wrong type, the rules of several, a broken one', async () => {
    await isolated(async (db) => {
      const wrongType = await findRule(db, 'external_input/PROD_20151015_527.csv');
      expect(wrongType).toMatchObject({ kind: 'wrong-type', rule: { id: 4 }, extension: 'csv' });
      await addRule(db, 10, '527.', null);
      const several = await findRule(db, 'external_input/PROD_527.txt');
      expect(several).toMatchObject({ kind: 'several', ruleIds: [4, 10], interfaceId: '527' });
      await sql`delete from rdscnfg.ext_file_config_dtl where ext_file_config_sid = 10`.execute(db);
      await sql`delete from rdscnfg.ext_file_config where ext_file_config_sid = 10`.execute(db);
      await sql`update rdscnfg.ext_file_config set trailer_flag = 'Y', trailer_pstn = null where ext_file_config_sid = 4`.execute(
        db,
      );
      const broken = await findRule(db, 'external_input/PROD_527.txt');
      expect(broken).toMatchObject({ kind: 'broken', ruleId: 4, interfaceId: '527' });
      expect(broken.kind === 'broken' && broken.problems.map((p) => p.field)).toContain('trailer_pstn');
      expect(await findRule(db, 'external_input/PROD_999.txt')).toMatchObject({ kind: 'none' });
    });
  });
});

describe.each(databaseTargets)('loadRules on $name', (target) => {
  it('reads every active rule of the original-style script without problems', async () => {
    await withOriginalConfig(target.open, async (database) => {
      const { rules, problems } = await loadRules(database.db);
      expect(rules.map((r) => r.id)).toEqual([4, 5, 6, 7, 8, 9]);
      expect(problems).toEqual([]);
    });
  });

  it('keeps the valid rules and lists the problems of the others', async () => {
    await withOriginalConfig(target.open, async (database) => {
      await database.runScript(
        "update rdscnfg.ext_file_config set header_flag = 'y' where ext_file_config_sid = 5",
      );
      const { rules, problems } = await loadRules(database.db);
      expect(rules.map((r) => r.id)).toEqual([4, 6, 7, 8, 9]);
      expect(problems.map((p) => p.message)).toEqual(["rule 5 header_flag: expected 'Y' or 'N', found 'y'"]);
    });
  });
});
