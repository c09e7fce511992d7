import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TargetColumn } from '../../../../../lib/adapters/local/redshift/copy/column-types.js';
import { defaultCopyCommand } from '../../../../../lib/adapters/local/redshift/copy/copy-command.js';
import { fastCopyPlan, tryFastCopy } from '../../../../../lib/adapters/local/redshift/copy/fast-copy.js';
import type { CopyTarget } from '../../../../../lib/adapters/postgres/warehouse-connection.js';
import { warehouseTargets } from '../../../../support/warehouse-targets.js';

const intColumn: TargetColumn = { name: 'id', typeName: 'int4', kind: 'int', notNull: false };
const textColumn: TargetColumn = {
  name: 'name',
  typeName: 'varchar',
  kind: 'char',
  notNull: false,
  maxBytes: 10,
};
const copyTarget: CopyTarget = { table: 't', columns: 'id, name', format: 'text', delimiter: '|' };
const source = (text: string) => async () => Readable.from([Buffer.from(text)]);
/** The plan for `t (id, name)` under a plain COPY; `maxLineBytes` stands in for Redshift's 4 MB row limit. */
const plan = (maxLineBytes?: number) =>
  fastCopyPlan(defaultCopyCommand({ name: 't' }, 's3://b/k'), [intColumn, textColumn], maxLineBytes)!;
const fastCopyEligible = (...args: Parameters<typeof fastCopyPlan>) => fastCopyPlan(...args) !== undefined;

describe.each(warehouseTargets)('the stand-in COPY fast path on $name', (target) => {
  it('loads plain delimited text through PostgreSQL COPY, and gives up without a trace on what it cannot judge', async () => {
    const { connection, close } = await target.open();
    try {
      const outcome = await connection.withSession(async (session) => {
        await session.query('create table t (id int, name varchar(10))');
        await session.query('begin');
        const plain = await tryFastCopy(session, copyTarget, [source('1|a\n2|b\n'), source('3|c')], plan());
        // A trailing space that fits VARCHAR(10) is kept by both; the last line needs no line feed.
        const fitting = await tryFastCopy(session, copyTarget, [source('4|trailing \n5|x')], plan());
        // One after another: a session runs one statement at a time, and each attempt has its own savepoint.
        const refused: (number | undefined)[] = [];
        for (const text of [
          '4|d\n\n5|e\n',
          '4|d\r\n',
          '4|back\\slash\n',
          '4|far too long a name\n',
          'x|d\n',
          // Five characters but ten bytes: PostgreSQL counts characters, Redshift bytes.
          '4|ééééé\n',
          // PostgreSQL cuts trailing spaces that overflow VARCHAR(10); Redshift rejects the row.
          '4|abcdefghij   \n',
          // PostgreSQL 16 integer spellings Redshift rejects.
          '1_000|a\n',
          '0x1F|a\n',
        ]) {
          refused.push(await tryFastCopy(session, copyTarget, [source(text)], plan()));
        }
        // A line past the row limit (here 8 bytes, Redshift's 4 MB in use) goes to the checked path, cut or whole.
        const overLimit = [
          await tryFastCopy(session, copyTarget, [source('6|abcdefg\n')], plan(8)),
          await tryFastCopy(
            session,
            copyTarget,
            [async () => Readable.from([Buffer.from('6|ab'), Buffer.from('cdefg\n')])],
            plan(8),
          ),
          await tryFastCopy(session, copyTarget, [source('6|abcde\n7|f\n')], plan(8)),
        ];
        await session.query('commit');
        const { rows } = await session.query('select id, name from t order by id');
        return { plain, fitting, refused, overLimit, rows };
      });
      expect(outcome).toEqual({
        plain: 3,
        fitting: 2,
        refused: Array(9).fill(undefined),
        overLimit: [undefined, undefined, 2],
        rows: [
          [1, 'a'],
          [2, 'b'],
          [3, 'c'],
          [4, 'trailing '],
          [5, 'x'],
          [6, 'abcde'],
          [7, 'f'],
        ],
      });
    } finally {
      await close();
    }
  });

  it('takes only COPY options whose meaning PostgreSQL shares', () => {
    const plain = {
      ...defaultCopyCommand({ name: 't' }, 's3://b/k'),
      acceptAnyDate: true,
      ignoreBlankLines: true,
    };
    const dateColumn: TargetColumn = { ...intColumn, kind: 'date', typeName: 'date' };
    expect(fastCopyEligible(plain, [intColumn, textColumn])).toBe(true);
    // CSV: the guard escapes a quoted delimiter with a backslash, which PostgreSQL reads as the delimiter itself only
    // for punctuation other than `.`.
    expect(fastCopyEligible({ ...plain, format: 'csv', delimiter: ',' }, [intColumn])).toBe(true);
    expect(fastCopyEligible({ ...plain, format: 'csv', delimiter: 'x' }, [intColumn])).toBe(false);
    expect(fastCopyEligible({ ...plain, format: 'csv', delimiter: '.' }, [intColumn])).toBe(false);
    expect(fastCopyEligible({ ...plain, format: 'csv', delimiter: ',', quote: ',' }, [intColumn])).toBe(
      false,
    );
    // IGNOREHEADER, EMPTYASNULL, BLANKSASNULL: the guard drops header lines and writes `\N` for such fields itself
    // (see the property test, test/integration/adapters/local-redshift-fast-copy-agrees.test.ts).
    expect(fastCopyEligible({ ...plain, ignoreHeader: 1 }, [intColumn])).toBe(true);
    expect(fastCopyEligible({ ...plain, emptyAsNull: true, blanksAsNull: true }, [textColumn])).toBe(true);
    expect(fastCopyEligible({ ...plain, truncateColumns: true }, [intColumn])).toBe(false);
    expect(fastCopyEligible({ ...plain, roundDecimals: true }, [intColumn])).toBe(false);
    // DATEFORMAT matters only to a date column, and only ISO and YYYYMMDD dates are the guard's.
    expect(fastCopyEligible({ ...plain, dateFormat: 'YYYYMMDD' }, [intColumn])).toBe(true);
    expect(fastCopyEligible({ ...plain, dateFormat: 'YYYYMMDD' }, [dateColumn])).toBe(true);
    expect(fastCopyEligible({ ...plain, dateFormat: 'DD/MM/YYYY' }, [dateColumn])).toBe(false);
    expect(fastCopyEligible({ ...plain, dateFormat: 'YYYY-MM-DD' }, [dateColumn])).toBe(true);
    // FIXEDWIDTH: one width per column, each a whole number of characters.
    const fixed = { ...plain, format: 'fixedwidth' as const };
    const widths = (...list: number[]) => list.map((width, at) => ({ label: `c${at}`, width }));
    expect(fastCopyEligible({ ...fixed, fixedWidths: widths(3, 6) }, [intColumn, textColumn])).toBe(true);
    expect(fastCopyEligible({ ...fixed, fixedWidths: widths(3) }, [intColumn, textColumn])).toBe(false);
    expect(fastCopyEligible({ ...fixed, fixedWidths: widths(3, 0) }, [intColumn, textColumn])).toBe(false);
    expect(
      fastCopyEligible({ ...plain, timeFormat: 'epochsecs' }, [{ ...dateColumn, kind: 'timestamp' }]),
    ).toBe(false);
  });

  it('is not taken for column types whose PostgreSQL input differs from Redshift (booleans, time zones, floats)', () => {
    const plain = defaultCopyCommand({ name: 't' }, 's3://b/k');
    for (const kind of ['numeric', 'date', 'timestamp'] as const) {
      expect(fastCopyEligible(plain, [intColumn, { ...intColumn, kind }])).toBe(true);
    }
    for (const kind of ['bool', 'timestamptz', 'float', 'other'] as const) {
      expect(fastCopyEligible(plain, [intColumn, { ...intColumn, kind }])).toBe(false);
    }
  });
});
