// Wall-clock text in an IANA timezone: the original wrote audit times and archive suffixes this way.

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, format);
  }
  return format;
}

export function wallClockParts(at: Date, timezone: string): Parts {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
    second: parts.second ?? '',
  };
}

/** `2026-11-21 14:05:09.123` — for `timestamp` columns. */
export function wallClock(at: Date, timezone: string): string {
  const p = wallClockParts(at, timezone);
  const millis = String(at.getUTCMilliseconds()).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${millis}`;
}

/** `2026-11-21 14:05:09.123` in UTC — a timestamp literal as Redshift reads and prints it, for load times. */
export function utcTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** `2026-11-21-14-05-09` — the original's archive suffix. */
export function archiveStamp(at: Date, timezone: string): string {
  const p = wallClockParts(at, timezone);
  return `${p.year}-${p.month}-${p.day}-${p.hour}-${p.minute}-${p.second}`;
}

/** `20261121140509` — the original's split-part stamp. */
export function compactStamp(at: Date, timezone: string): string {
  const p = wallClockParts(at, timezone);
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** Throws a clear error for a timezone name Intl does not know. */
export function checkTimezone(timezone: string): void {
  try {
    formatter(timezone);
  } catch {
    throw new RangeError(
      `timezone should be an IANA name like 'UTC' or 'America/New_York', found '${timezone}'`,
    );
  }
}
