// The stand-in's COPY against cases from AWS's Redshift documentation (copy-cases.ts), on PGlite and on a PostgreSQL
// server: each outcome must equal the documented one, and the two databases must agree with each other, down to the
// path (fast or checked) each COPY took.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTargetTable, type TargetColumn } from '../../lib/adapters/local/redshift/copy/column-types.js';
import { fastCopyPlan } from '../../lib/adapters/local/redshift/copy/fast-copy.js';
import { parseCopy } from '../../lib/adapters/local/redshift/copy/parse-copy.js';
import type { CopyPathMessage } from '../../lib/adapters/local/redshift/copy/run-copy.js';
import {
  BUCKET,
  type StandIn,
  standInTargets,
} from '../integration/adapters/local/redshift/stand-in-targets.js';
import { recordCopyPaths } from '../support/copy-paths.js';
import { type DocCase, docCases } from './copy-cases.js';

interface Outcome {
  status: string;
  rows?: unknown[][];
  rejected: [number, string, number][];
}

const outcomes = new Map<string, Map<string, Outcome>>();

interface PathsTaken {
  /** The COPY's data format, when it parses. */
  format?: string;
  /** Whether the fast path's plan takes the case's COPY (its options and the target's column types). */
  planned: boolean;
  /** The path each COPY of the case took, as run-copy.ts publishes it. */
  paths: CopyPathMessage['path'][];
}

const pathsTaken = new Map<string, Map<string, PathsTaken>>();

/** Asks fastCopyPlan as runCopy does, on the case's table as its DDL made it; none when the COPY does not parse. */
async function fastPlanned(standIn: StandIn, sql: string): Promise<Omit<PathsTaken, 'paths'>> {
  let command: ReturnType<typeof parseCopy>;
  try {
    command = parseCopy(sql);
  } catch {
    return { planned: false };
  }
  const planned = await standIn.connection.withSession(async (session) => {
    const table = await loadTargetTable(session, command.table).catch(() => undefined);
    if (!table) return false;
    const columns = (command.columns ?? table.columns.map((column) => column.name)).map((name) =>
      table.columns.find((column) => column.name === name),
    );
    if (columns.some((column) => column === undefined)) return false;
    return fastCopyPlan(command, columns as TargetColumn[]) !== undefined;
  });
  return { format: command.format, planned };
}

/** The outcome, and the statement's error text to show when it differs from the documentation. */
async function runCase(
  standIn: StandIn,
  docCase: DocCase,
  index: number,
): Promise<{ outcome: Outcome; taken: PathsTaken; error?: string }> {
  const schema = `doc_case_${index}`;
  const folder = `conformance/${schema}/`;
  const fill = (sql: string) => sql.replaceAll('{s}', schema).replaceAll('{src}', `s3://${BUCKET}/${folder}`);
  const setup = await standIn.run([`create schema ${schema}`, ...docCase.ddl.map(fill)]);
  if (setup.status !== 'FINISHED') throw new Error(`setup of '${docCase.name}': ${setup.error}`);
  for (const [name, body] of Object.entries(docCase.files)) await standIn.store.put(`${folder}${name}`, body);
  const planned = await fastPlanned(standIn, fill(docCase.copy));
  const { paths, stop } = recordCopyPaths();
  const copy = await standIn.run([fill(docCase.copy)]).finally(stop);
  const taken: PathsTaken = { ...planned, paths };
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
  return { outcome, taken, error: copy.error };
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
      const { outcome, taken, error } = await runCase(standIn, docCase, index);
      const byTarget = outcomes.get(docCase.name) ?? new Map<string, Outcome>();
      byTarget.set(target.name, outcome);
      outcomes.set(docCase.name, byTarget);
      const pathsByTarget = pathsTaken.get(docCase.name) ?? new Map<string, PathsTaken>();
      pathsByTarget.set(target.name, taken);
      pathsTaken.set(docCase.name, pathsByTarget);
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

describe('COPY paths', () => {
  it.runIf(standInTargets.length > 1)(
    'takes the same path on PGlite and on PostgreSQL for every case',
    () => {
      for (const docCase of docCases) {
        const byTarget = pathsTaken.get(docCase.name);
        expect(byTarget?.size, docCase.name).toBe(standInTargets.length);
        const [first, ...others] = [...(byTarget?.values() ?? [])];
        for (const other of others) expect(other, docCase.name).toEqual(first);
      }
    },
  );

  it('takes the fast path on PGlite only where the fast plan accepts the COPY, and for each format the plan takes', () => {
    const onPGlite = docCases.map((docCase) => pathsTaken.get(docCase.name)?.get('pglite'));
    for (const taken of onPGlite) if (taken?.paths.includes('fast')) expect(taken.planned).toBe(true);
    const fastFormats = new Set(
      onPGlite.filter((taken) => taken?.paths.includes('fast')).map((taken) => taken?.format),
    );
    expect([...fastFormats].sort()).toEqual(['csv', 'delimited', 'fixedwidth']);
  });
});
