// The processing function on the sample feeds: what it prepares, the manifest, the submitted load and the records.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../../lib/core/load-sql/manifest.js';
import { processEvent } from '../../../../lib/use-cases/process-file/process-file.js';
import { auditsOf, openWorld, runOf, sampleFile, type World, worlds } from './pipeline-harness.js';

describe.each(worlds)('processing the sample feeds on $name', (target) => {
  let world: World;
  beforeEach(async () => {
    world = await openWorld(target);
  });
  afterEach(async () => {
    await world.close();
  });

  it('strips the trailer into processing/<run id>/, names exactly that copy in the manifest and submits one load', async () => {
    const name = 'PROD_20151015_150510973_PA_FLAVOR_527.txt';
    const { event } = await world.upload(name, sampleFile(name));

    const { results } = await processEvent(world.deps, event);

    expect(results).toEqual([
      { key: `external_input/${name}`, status: 'submitted', runId: expect.any(String) },
    ]);
    const runId = results[0]!.runId!;
    const original = sampleFile(name).toString('utf8');
    expect(await world.text(`processing/${runId}/${name}`)).toBe(original.replace('TRL0000000006\n', ''));
    const manifest = parseManifest(await world.text(`processing/${runId}/${name}.manifest`));
    expect(manifest).toEqual([
      { bucket: world.store.bucket, key: `processing/${runId}/${name}`, mandatory: true },
    ]);

    expect(world.warehouse.submissions).toHaveLength(1);
    const submission = world.warehouse.submissions[0]!;
    expect(submission.name).toBe(`ferry:${runId}`);
    expect(submission.withEvent).toBe(true);
    const [createStage, copy, insert, drop] = submission.sqls;
    expect(createStage).toBe(
      'CREATE TEMP TABLE "ferry_stage" AS SELECT "flavor_id", "flavor_code", "flavor_name", "category", ' +
        '"effective_date", "price", "active_flag" FROM "rdsftetl"."dc_x_pa_flavor" LIMIT 0',
    );
    expect(copy).toBe(
      'COPY "ferry_stage" ("flavor_id", "flavor_code", "flavor_name", "category", "effective_date", "price", ' +
        `"active_flag") FROM 's3://${world.store.bucket}/processing/${runId}/${name}.manifest' ` +
        "IAM_ROLE 'arn:aws:iam::123456789012:role/ferry-copy' DELIMITER AS '|' IGNOREBLANKLINES " +
        "DATEFORMAT 'auto' TIMEFORMAT 'auto' ACCEPTINVCHARS ACCEPTANYDATE COMPUPDATE OFF STATUPDATE OFF REGION 'us-east-1' MANIFEST",
    );
    expect(copy!.match(/DELIMITER/g)).toHaveLength(1);
    expect(copy).not.toMatch(/FIXEDWIDTH|IGNOREHEADER|GZIP|CSV/);
    const run = await runOf(world, runId);
    const loadedAt = run.details.loadedAt as string;
    expect(insert).toBe(
      'INSERT INTO "rdsftetl"."dc_x_pa_flavor" ("flavor_id", "flavor_code", "flavor_name", "category", ' +
        '"effective_date", "price", "active_flag", "file_name", "target_transaction_timestamp") SELECT ' +
        '"flavor_id", "flavor_code", "flavor_name", "category", "effective_date", "price", "active_flag", ' +
        `'${name}', '${loadedAt}'::timestamp FROM "ferry_stage"`,
    );
    expect(drop).toBe('DROP TABLE "ferry_stage"');

    expect(run).toMatchObject({
      state: 'SUBMITTED',
      statement_id: submission.id,
      ext_file_config_sid: 4,
      ext_interface_cid: '527',
      prepared_keys: [`processing/${runId}/${name}`, `processing/${runId}/${name}.manifest`],
      error: null,
    });
    expect(run.details).toMatchObject({
      fileName: name,
      records: 6,
      trailerCount: 6,
      bytes: Buffer.byteLength(original),
      manifestKey: `processing/${runId}/${name}.manifest`,
      loadKeys: [`processing/${runId}/${name}`],
    });
    expect(loadedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    const audits = await auditsOf(world, runId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      ext_file_audit_sid: run.ext_file_audit_sid,
      ext_interface_cid: '527',
      tgt_schema_name: 'rdsftetl',
      tgt_table_name: 'dc_x_pa_flavor',
      file_process_status: 'SUBMITTED',
      file_prcsd_flag: 'N',
      update_query: insert,
      statement_id: submission.id,
      file_name: name,
      object_key: `external_input/${name}`,
      ext_file_config_sid: 4,
      error_msg: null,
    });
    // The original stays for the status function to archive once the load finished.
    expect(await world.keys('external_input/')).toEqual([`external_input/${name}`]);
    expect(world.notifier.messages).toEqual([]);
  });

  it('loads a gzip CSV with a header as it is, with CSV quoting, IGNOREHEADER and GZIP', async () => {
    const name = 'hosp10_2014_RPT_558.csv.gz';
    const { event } = await world.upload(name, sampleFile(name));

    const { results } = await processEvent(world.deps, event);

    expect(results[0]).toMatchObject({ status: 'submitted' });
    const runId = results[0]!.runId!;
    const manifest = parseManifest(await world.text(`processing/${runId}/${name}.manifest`));
    expect(manifest.map((entry) => entry.key)).toEqual([`external_input/${name}`]);
    expect(await world.keys('processing/')).toEqual([`processing/${runId}/${name}.manifest`]);
    const copy = world.warehouse.submissions[0]!.sqls[1]!;
    expect(copy).toBe(
      'COPY "ferry_stage" ("hospital_id", "hospital_name", "report_date", "beds", "admissions") ' +
        `FROM 's3://${world.store.bucket}/processing/${runId}/${name}.manifest' ` +
        "IAM_ROLE 'arn:aws:iam::123456789012:role/ferry-copy' CSV QUOTE AS '\"' DELIMITER AS ',' IGNOREHEADER 1 " +
        "IGNOREBLANKLINES DATEFORMAT 'auto' TIMEFORMAT 'auto' ACCEPTINVCHARS ACCEPTANYDATE COMPUPDATE OFF STATUPDATE OFF REGION 'us-east-1' " +
        'GZIP MANIFEST',
    );
    const run = await runOf(world, runId);
    expect(run).toMatchObject({
      state: 'SUBMITTED',
      ext_file_config_sid: 5,
      prepared_keys: [`processing/${runId}/${name}.manifest`],
    });
    expect(run.details).toMatchObject({
      fileName: name,
      records: 8,
      compression: 'gzip',
      hasHeader: true,
    });
  });

  it('loads a fixed-width file with FIXEDWIDTH from the column widths and no delimiter', async () => {
    const name = 'ACCT_20240101_600.dat';
    const { event } = await world.upload(name, sampleFile(name));

    const { results } = await processEvent(world.deps, event);

    expect(results[0]).toMatchObject({ status: 'submitted' });
    const copy = world.warehouse.submissions[0]!.sqls[1]!;
    expect(copy).toContain('COPY "ferry_stage" ("acct_no", "acct_name", "open_date", "balance") FROM ');
    expect(copy).toContain("FIXEDWIDTH 'acct_no:10,acct_name:20,open_date:8,balance:12'");
    expect(copy).not.toMatch(/DELIMITER|GZIP|IGNOREHEADER/);
    expect(world.warehouse.submissions[0]!.sqls[2]).toContain('INSERT INTO "rdsftetl"."acct_master"');
    expect((await runOf(world, results[0]!.runId!)).ext_file_config_sid).toBe(6);
  });

  it('splits a multi-record file into parts in the input folder, each then loaded under its own rule', async () => {
    const name = 'CLAIMS_20240102_700.txt';
    const { event } = await world.upload(name, sampleFile(name));

    const { results } = await processEvent(world.deps, event);

    expect(results).toEqual([{ key: `external_input/${name}`, status: 'split', runId: expect.any(String) }]);
    const parentId = results[0]!.runId!;
    const parts = await world.keys('external_input/');
    expect(parts).toHaveLength(2);
    const header = parts.find((key) => key.endsWith('_700-H1.txt'))!;
    const detail = parts.find((key) => key.endsWith('_700-D1.txt'))!;
    expect(header).toMatch(/^external_input\/CLAIMS_20240102_700-\d{14}_700-H1\.txt$/);
    expect(await world.text(header)).toBe(
      'H1|500001|MBR0000123|2024-01-02\nH1|500002|MBR0000456|2024-01-02\n',
    );
    expect((await world.text(detail)).split('\n').filter(Boolean)).toHaveLength(5);
    expect(await world.keys('processing/')).toEqual([]);
    const archived = await world.keys('archive/');
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(
      /^archive\/700\/CLAIMS_20240102_700\.txt_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/,
    );
    expect(await world.text(archived[0]!)).toBe(sampleFile(name).toString('utf8'));

    const parent = await runOf(world, parentId);
    expect(parent).toMatchObject({
      state: 'SPLIT',
      ext_file_config_sid: 7,
      ext_interface_cid: '700',
      prepared_keys: [],
    });
    expect(parent.details).toMatchObject({
      fileName: name,
      records: 7,
      trailerCount: 7,
      counts: { H1: 2, D1: 5 },
      dropped: 0,
      archiveKey: archived[0],
      parts: [
        { code: 'H1', key: header, records: 2 },
        { code: 'D1', key: detail, records: 5 },
      ],
    });
    const [audit] = await auditsOf(world, parentId);
    expect(audit).toMatchObject({
      file_process_status: 'SPLIT',
      file_prcsd_flag: 'N',
      ext_interface_cid: '700',
      tgt_table_name: null,
      rows_loaded: 7,
      rows_rejected: 0,
      error_msg: 'split into H1: 2 records, D1: 5 records; 0 lines of other record types dropped',
    });
    expect(world.notifier.messages).toEqual([
      expect.objectContaining({
        status: 'SPLIT',
        success: true,
        fileName: name,
        runId: parentId,
        interface: '700',
      }),
    ]);
    expect(world.warehouse.submissions).toEqual([]);

    // Each part arrives as its own S3 event.
    for (const key of [header, detail]) {
      const info = (await world.store.head(key))!;
      const outcome = await processEvent(world.deps, world.eventFor(info));
      expect(outcome.results[0]).toMatchObject({ key, status: 'submitted' });
    }
    const loads = world.warehouse.submissions;
    expect(loads).toHaveLength(2);
    expect(loads[0]!.sqls[1]).toContain(
      'COPY "ferry_stage" ("record_type", "claim_id", "member_id", "claim_date")',
    );
    expect(loads[0]!.sqls[2]).toContain('INSERT INTO "rdsftetl"."claim_header"');
    expect(loads[1]!.sqls[2]).toContain('INSERT INTO "rdsftetl"."claim_detail"');
    const partRuns = await world.database.db
      .selectFrom('rdscnfg.ferry_run')
      .select(['object_key', 'ext_file_config_sid', 'state'])
      .where('run_id', '!=', parentId)
      .orderBy('ext_file_config_sid')
      .execute();
    expect(partRuns).toEqual([
      { object_key: header, ext_file_config_sid: 8, state: 'SUBMITTED' },
      { object_key: detail, ext_file_config_sid: 9, state: 'SUBMITTED' },
    ]);
  });
});
