// The sequence and arrival columns of migration 2026-12-07-008 as rule fields, and what `ferry check` refuses.
import { describe, expect, it } from 'vitest';
import { inspectRule, parseRule } from '../../../../lib/records/rules/parse-rule.js';
import type { FileConfigRow } from '../../../../lib/records/tables.js';
import { flavorColumnNames } from '../../../support/sample-rules.js';
import { configRow, detailRows, iface } from './rows.js';

const columns = detailRows([...flavorColumnNames]);
const ruleOf = (overrides: Partial<FileConfigRow>) => parseRule(configRow(overrides), iface, columns);
const problemsOf = (overrides: Partial<FileConfigRow>) =>
  inspectRule(configRow(overrides), iface, columns).problems.map((p) => [p.field, p.message]);

describe('reading the sequence and arrival columns', () => {
  it('leaves an original row without contracts', () => {
    const rule = ruleOf({});
    expect([rule.sequence, rule.arrival]).toEqual([undefined, undefined]);
  });

  it('reads a file-name sequence (policy warn by default) and a header sequence with hold', () => {
    expect(ruleOf({ sequence_source: 'file_name', sequence_pattern: '_(\\d+)\\.txt$' }).sequence).toEqual({
      source: 'file_name',
      pattern: '_(\\d+)\\.txt$',
      policy: 'warn',
    });
    expect(
      ruleOf({ header_flag: 'Y', sequence_source: 'header', sequence_pstn: '4:10', sequence_policy: 'hold' })
        .sequence,
    ).toEqual({ source: 'header', position: { start: 4, end: 10 }, policy: 'hold' });
  });

  it('reads a due time, zone and days (UTC and daily by default)', () => {
    expect(ruleOf({ due_time: '09:30' }).arrival).toEqual({
      time: { hour: 9, minute: 30 },
      timezone: 'UTC',
      days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
    });
    expect(ruleOf({ due_time: '06:00', due_timezone: 'Europe/Berlin', due_days: 'mon,thu' }).arrival).toEqual(
      {
        time: { hour: 6, minute: 0 },
        timezone: 'Europe/Berlin',
        days: ['mon', 'thu'],
      },
    );
  });

  it('refuses a policy without a source, and a file_name source without a pattern of exactly one group', () => {
    expect(problemsOf({ sequence_policy: 'hold' })).toEqual([
      [
        'sequence_source',
        "rule 4 sequence_source: expected 'file_name' or 'header' when sequence_policy is set, found null",
      ],
    ]);
    for (const pattern of [null, '_\\d+\\.txt$', '_(\\d+)_(\\d+)', '_((\\d+)']) {
      expect(
        problemsOf({ sequence_source: 'file_name', sequence_pattern: pattern }).map(([field]) => field),
      ).toEqual(['sequence_pattern']);
    }
    expect(problemsOf({ sequence_source: 'trailer' })[0]?.[1]).toBe(
      "rule 4 sequence_source: expected one of file_name, header, found 'trailer'",
    );
    expect(
      problemsOf({
        sequence_source: 'file_name',
        sequence_pattern: '(\\d+)',
        sequence_policy: 'stop',
      })[0]?.[0],
    ).toBe('sequence_policy');
  });

  it('refuses a header source without header_flag Y or without a position', () => {
    expect(problemsOf({ sequence_source: 'header', sequence_pstn: '1:5' })).toEqual([
      [
        'sequence_source',
        "rule 4 sequence_source: is 'header' but header_flag is not 'Y': there is no header to read",
      ],
    ]);
    expect(problemsOf({ header_flag: 'Y', sequence_source: 'header' })).toEqual([
      [
        'sequence_pstn',
        "rule 4 sequence_pstn: expected 'S:E' with integers 1 <= S < E (e.g. '4:14') when sequence_source is 'header', found null",
      ],
    ]);
  });

  it('refuses a bad time, zone or day list, and days without a time', () => {
    expect(problemsOf({ due_time: '9am', due_timezone: 'Mars/Olympus', due_days: 'someday' })).toEqual([
      ['due_time', "rule 4 due_time: expected 'HH:MM' (00:00 to 23:59), found '9am'"],
      [
        'due_timezone',
        "rule 4 due_timezone: expected an IANA time zone (e.g. America/Chicago), found 'Mars/Olympus'",
      ],
      [
        'due_days',
        "rule 4 due_days: expected 'daily', 'weekdays' or a comma list of mon,tue,wed,thu,fri,sat,sun, found 'someday'",
      ],
    ]);
    expect(problemsOf({ due_days: 'weekdays' })).toEqual([
      ['due_time', "rule 4 due_time: expected 'HH:MM' when due_days or due_timezone is set, found null"],
    ]);
  });
});
