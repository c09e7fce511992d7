import { describe, expect, it } from 'vitest';
import {
  type ArrivalContract,
  isLate,
  parseDueDays,
  parseDueTime,
  recentDues,
  zonedInstant,
} from '../../../../lib/core/contracts/arrival-contract.js';

const chicago: ArrivalContract = {
  time: { hour: 9, minute: 0 },
  timezone: 'America/Chicago',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
};

describe('expected arrival', () => {
  it('finds the last due on a due day and the due before it, skipping the weekend', () => {
    // Monday 2026-12-07 16:00 UTC is 10:00 in Chicago (CST, UTC-6).
    expect(recentDues(chicago, new Date('2026-12-07T16:00:00Z'))).toEqual({
      due: new Date('2026-12-07T15:00:00Z'),
      previous: new Date('2026-12-04T15:00:00Z'),
    });
    // Before Monday's due, the last due is Friday's.
    expect(recentDues(chicago, new Date('2026-12-07T14:59:00Z'))?.due).toEqual(
      new Date('2026-12-04T15:00:00Z'),
    );
  });

  it('keeps the due at 09:00 local across the March DST change (UTC-6 to UTC-5)', () => {
    // 2026-03-08 is the spring-forward Sunday in the US; Monday 9 March is on CDT.
    expect(recentDues(chicago, new Date('2026-03-09T15:00:00Z'))).toEqual({
      due: new Date('2026-03-09T14:00:00Z'),
      previous: new Date('2026-03-06T15:00:00Z'),
    });
  });

  it('places a time skipped by spring-forward after the gap and a repeated autumn time at its first showing', () => {
    expect(zonedInstant({ year: 2026, month: 3, day: 8 }, 2, 30, 'America/Chicago')).toEqual(
      new Date('2026-03-08T08:30:00Z'),
    );
    expect(zonedInstant({ year: 2026, month: 11, day: 1 }, 1, 30, 'America/Chicago')).toEqual(
      new Date('2026-11-01T06:30:00Z'),
    );
  });

  it('is late when the due passed with no file since the due before it, and not once a file came', () => {
    const now = new Date('2026-12-07T16:00:00Z');
    expect(isLate(chicago, now, undefined)?.due).toEqual(new Date('2026-12-07T15:00:00Z'));
    expect(isLate(chicago, now, new Date('2026-12-04T14:00:00Z'))).toBeDefined();
    expect(isLate(chicago, now, new Date('2026-12-05T10:00:00Z'))).toBeUndefined();
  });

  it('reads due times and day lists, refusing anything else', () => {
    expect(parseDueTime('07:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseDueTime('24:00')).toBeUndefined();
    expect(parseDueTime('7:05')).toBeUndefined();
    expect(parseDueDays('weekdays')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseDueDays('Mon, sat')).toEqual(['mon', 'sat']);
    expect(parseDueDays('monday')).toBeUndefined();
  });
});
