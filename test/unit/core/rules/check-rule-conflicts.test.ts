import { describe, expect, it } from 'vitest';
import { checkRuleSet } from '../../../../lib/core/rules/check-rule-set.js';
import { commonName } from '../../../../lib/core/rules/glob-overlap.js';
import { patternMatches } from '../../../../lib/core/rules/match-rule.js';
import { inspectRule } from '../../../../lib/records/rules/parse-rule.js';
import { flavorColumnNames, flavorRule } from '../../../support/sample-rules.js';
import { configRow, detailRows, iface } from '../../records/rules/rows.js';

describe('commonName', () => {
  it.each([
    ['PROD_*_527.txt', 'PROD_2015*.txt'],
    ['*.csv', 'sales_??.csv'],
    ['report_[0-9]*.csv', 'report_1{a,b}.csv'],
    ['*', 'x.txt'],
    ['a*b*c', '*b*'],
  ])('finds a name that both %s and %s accept, confirmed by the matcher', (a, b) => {
    const name = commonName(a, b);
    expect(name).toBeDefined();
    expect([patternMatches(a, name!), patternMatches(b, name!)]).toEqual([true, true]);
  });

  it.each([
    ['*.csv', '*.txt'],
    ['PROD_*_527.txt', 'PROD_*_528.txt'],
    ['report_[0-9]*.csv', 'report_[a-z]*.csv'],
    ['sales_??.csv', 'sales_???.csv'],
  ])('finds none for %s and %s', (a, b) => {
    expect(commonName(a, b)).toBeUndefined();
  });
});

describe('checkRuleSet on what fails only later', () => {
  it('names both rules and a file name when two active globs overlap', () => {
    const problems = checkRuleSet([
      flavorRule({ id: 4, pattern: 'PROD_*_527.txt' }),
      flavorRule({ id: 12, token: '528', pattern: 'PROD_2015*.txt' }),
      flavorRule({ id: 13, token: '529', pattern: 'OTHER_*.txt' }),
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      "rule 12 file_pattern: expected no file name to match two active rules, found 'PROD_2015_527.txt' matching both 'PROD_2015*.txt' and rule 4's 'PROD_*_527.txt'",
    ]);
  });

  it('renders post-load SQL with the status function renderer and reports a placeholder it cannot fill', () => {
    const problems = checkRuleSet([
      flavorRule({ id: 4, postLoadSql: 'call x({{file_name}}, {{loaded}});' }),
      flavorRule({ id: 5, token: '528', postLoadSql: "call x('file {{file_name}}');" }),
      flavorRule({ id: 6, token: '529', postLoadSql: "call x('{{file_name}}', {{run_id}});" }),
    ]);
    expect(problems.map((p) => [p.sid, p.field, p.message])).toEqual([
      [
        4,
        'query',
        'rule 4 query: expected a placeholder among {{file_name}}, {{run_id}}, {{loaded_at}}, {{interface_cid}}, {{target_table}}, found {{loaded}} (the rows would load, then the run end TRANSFORM_FAILED)',
      ],
      [
        5,
        'query',
        "rule 5 query: expected placeholders as whole values ({{name}} or '{{name}}'), found one inside 'file {{file_name}}' (the rows would load, then the run end TRANSFORM_FAILED)",
      ],
    ]);
  });

  it.each(['H_1', 'H.1', 'H/1', 'H\\1'])(
    "refuses split code %s, which would cut the part's name so the part matches another rule",
    (code) => {
      const { problems } = inspectRule(
        configRow({
          split_file_flag: 'Y',
          split_prefix: `${code},D1`,
          tgt_schema_name: null,
          tgt_table_name: null,
        }),
        iface,
        detailRows([...flavorColumnNames]),
      );
      expect(problems.map((p) => p.message)).toEqual([
        `rule 4 split_prefix: expected record-type codes without '_', '.', '/', '\\' or control characters (they cut the part's name, so the part would match another rule), found '${code}' in '${code},D1'`,
      ]);
    },
  );
});
