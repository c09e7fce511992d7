import { describe, expect, it } from 'vitest';
import { checkTargets } from '../../../../lib/cli/warehouse/check-targets.js';
import { tableKey } from '../../../../lib/cli/warehouse/read-table-columns.js';
import { flavorRule } from '../../../support/sample-rules.js';

const lineage = { lineColumn: 'source_line_number', versionColumn: 'source_version' };
const rule = flavorRule({ columns: [{ name: 'a' }], lineage });
const stamped = ['a', 'file_name', 'target_transaction_timestamp'];

describe('ferry check on a lineage rule', () => {
  it('asks for the lineage columns the target table lacks', () => {
    const columns = new Map([[tableKey(rule.target!), new Set([...stamped, 'source_version'])]]);
    expect(checkTargets([rule], columns).map((problem) => problem.message)).toEqual([
      "rule 4 lineage_flag: is 'Y', so rdsftetl.dc_x_pa_flavor needs the lineage column source_line_number " +
        '(e.g. source_line_number bigint, source_version varchar(1024)), found none',
    ]);
  });

  it('is satisfied when the table has both', () => {
    const columns = new Map([
      [tableKey(rule.target!), new Set([...stamped, 'source_line_number', 'source_version'])],
    ]);
    expect(checkTargets([rule], columns)).toEqual([]);
  });
});
