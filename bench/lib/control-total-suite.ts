// Control totals over one large generated file: the trailer's count, an exact column sum and a sha256 in one pass.
import { join } from 'node:path';
import { controlTotalFeed } from './generate.js';
import { shellQuote as q, runFerry, runShell } from './measure.js';
import { type Row, rowOf } from './row.js';
import { type BenchContext, expectRecords, feed, feedDir, freshRoot, type Size } from './suites.js';

/** `--only control-total`: Ferry's check beside `sha256sum` of the same bytes (a read and a digest, no sum). */
export async function controlTotalSuite(context: BenchContext, size: Size): Promise<Row> {
  const dir = await feedDir(context, size);
  const source = await feed(join(dir, 'control-total.txt'), (p) => controlTotalFeed(p, size.bytes));
  context.log(`${size.label}: control totals (count, sum of price, sha256)`);
  const ferry = [];
  const base = [];
  for (let run = 0; run < context.runs; run++) {
    const root = await freshRoot(context, 'control-total', source.path);
    ferry.push(
      expectRecords(runFerry(['prepare', 'control-total', root, 'range']), source.records, 'control-total'),
    );
    base.push(runShell(`sha256sum ${q(source.path)} > /dev/null`));
  }
  return rowOf(
    'control totals: count + exact sum + sha256, one pass',
    'sha256sum',
    { label: size.label, bytes: source.bytes },
    ferry,
    base,
  );
}
