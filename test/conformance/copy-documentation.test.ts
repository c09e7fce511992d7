// The stand-in's COPY against cases from AWS's Redshift documentation (copy-cases.ts), on PGlite and on a PostgreSQL
// server: each outcome must equal the documented one, and the two databases must agree with each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUCKET,
  type StandIn,
  standInTargets,
} from '../integration/adapters/local/redshift/stand-in-targets.js';
import { type DocCase, docCases } from './copy-cases.js';

interface Outcome {
  status: string;
  rows?: unknown[][];
  rejected: [number, string, number][];
}

const outcomes = new Map<string, Map<string, Outcome>>();

/** The outcome, and the statement's error text to show when it differs from the documentation. */
async function runCase(
  standIn: StandIn,
  docCase: DocCase,
  index: number,
): Promise<{ outcome: Outcome; error?: string }> {
  const schema = `doc_case_${index}`;
  const folder = `conformance/${schema}/`;
  const fill = (sql: string) => sql.replaceAll('{s}', schema).replaceAll('{src}', `s3://${BUCKET}/${folder}`);
  const setup = await standIn.run([`create schema ${schema}`, ...docCase.ddl.map(fill)]);
  if (setup.status !== 'FINISHED') throw new Error(`setup of '${docCase.name}': ${setup.error}`);
  for (const [name, body] of Object.entries(docCase.files)) await standIn.store.put(`${folder}${name}`, body);
  const copy = await standIn.run([fill(docCase.copy)]);
  const rejected = (
    await standIn.query(
      `select line_number, trim(column_name), error_code from sys_load_error_detail
        where file_name like 's3://${BUCKET}/${folder}%' order by line_number`,
    )
  ).rows as [number, string, number][];
  const outcome: Outcome = { status: copy.status, rejected };
  if ('loads' in docCase.documented && copy.status === 'FINISHED') {
    outcome.rows = (await standIn.query(fill(docCase.documented.select))).rows;
  }
  return { outcome, error: copy.error };
}

function documentedOutcome(docCase: DocCase, found: Outcome): Outcome {
  const { documented } = docCase;
  // Where the page names no error codes, the rows the stand-in rejected are not part of the documented outcome.
  const rejected = documented.rejected ?? found.rejected;
  return 'fails' in documented
    ? { status: 'FAILED', rejected }
    : { status: 'FINISHED', rows: documented.loads, rejected };
}

describe.each(standInTargets)('COPY as AWS documents it, on $name', (target) => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await target.open();
  });
  afterAll(async () => {
    await standIn.close();
  });

  for (const [index, docCase] of docCases.entries()) {
    it(`${docCase.name} (${docCase.page})`, async () => {
      const { outcome, error } = await runCase(standIn, docCase, index);
      const byTarget = outcomes.get(docCase.name) ?? new Map<string, Outcome>();
      byTarget.set(target.name, outcome);
      outcomes.set(docCase.name, byTarget);
      expect(outcome, error).toEqual(documentedOutcome(docCase, outcome));
    });
  }
});

describe('COPY outcomes agree between the databases', () => {
  it.runIf(standInTargets.length > 1)(
    'gives identical results on PGlite and on PostgreSQL for every case',
    () => {
      for (const docCase of docCases) {
        const byTarget = outcomes.get(docCase.name);
        expect(byTarget?.size, docCase.name).toBe(standInTargets.length);
        const [first, ...others] = [...(byTarget?.values() ?? [])];
        for (const other of others) expect(other, docCase.name).toEqual(first);
      }
    },
  );
});
