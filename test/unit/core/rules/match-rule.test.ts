import { describe, expect, it } from 'vitest';
import { exampleFileName } from '../../../../lib/core/rules/example-file-name.js';
import { matchingConfigs } from '../../../../lib/core/rules/match-rule.js';
import { parseRule } from '../../../../lib/records/rules/parse-rule.js';
import { configRow, detailRows, iface } from '../../records/rules/rows.js';

const rows = [
  { sid: 4, file_prefix: '527.', file_pattern: null },
  { sid: 5, file_prefix: '27.', file_pattern: null },
  { sid: 11, file_prefix: '527.', file_pattern: 'PROD_*_PA_FLAVOR_527.txt' },
  { sid: 12, file_prefix: 'x.', file_pattern: '' },
];
const sids = (name: string) => matchingConfigs(rows, name).map((r) => r.sid);

describe('matchingConfigs', () => {
  it('matches the exact token only: 27 is not 527', () => {
    expect(sids('OTHER_527.txt')).toEqual([4]);
    expect(sids('OTHER_27.txt')).toEqual([5]);
    expect(sids('OTHER_5271.txt')).toEqual([]);
  });

  it('lets a matching glob win over the token rules', () => {
    expect(sids('PROD_20151015_PA_FLAVOR_527.txt')).toEqual([11]);
  });

  it('treats an empty file_pattern as no glob', () => {
    expect(sids('anything_x.txt')).toEqual([12]);
  });
});

describe('exampleFileName', () => {
  it('builds a token name that the rule accepts', () => {
    expect(exampleFileName(parseRule(configRow(), iface, detailRows(['a'])))).toBe(
      'NDC_X_PA_TYPE_20240101_527.txt',
    );
  });

  it('fills the wildcards of a glob', () => {
    const rule = parseRule(configRow({ file_pattern: 'PROD_*_{A,B}_[0-9]?.txt' }), iface, detailRows(['a']));
    expect(exampleFileName(rule)).toBe('PROD_x_A_0x.txt');
  });
});
