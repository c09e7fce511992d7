import { describe, expect, it } from 'vitest';
import { utcTimestamp, wallClock } from '../../../../lib/core/time/wall-clock.js';

describe('utcTimestamp', () => {
  it('writes the UTC time with milliseconds, as a Redshift timestamp literal reads it', () => {
    expect(utcTimestamp(new Date('2026-11-21T14:05:09.123Z'))).toBe('2026-11-21 14:05:09.123');
  });

  it('says what wallClock says for UTC', () => {
    const at = new Date('2024-01-02T03:04:05.006Z');
    expect(utcTimestamp(at)).toBe(wallClock(at, 'UTC'));
  });
});
