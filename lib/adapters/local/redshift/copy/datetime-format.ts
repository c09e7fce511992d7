// Reads dates and timestamps the way COPY's DATEFORMAT/TIMEFORMAT ('auto' or a pattern) describe them:
// https://docs.aws.amazon.com/redshift/latest/dg/r_DATEFORMAT_and_TIMEFORMAT_strings.html and
// https://docs.aws.amazon.com/redshift/latest/dg/automatic-recognition.html.

interface DateParts {
  /** Astronomical year: 1 BC is 0. */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  zone?: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** MON matches a month's abbreviation or its full name, in any case. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((full) => lower === full || lower === full.slice(0, 3)) + 1;
}

// Time-zone abbreviations the automatic-recognition examples use, as offsets.
const ZONE_NAMES: Record<string, string> = {
  Z: '+00',
  UTC: '+00',
  GMT: '+00',
  EST: '-05',
  EDT: '-04',
  CST: '-06',
  CDT: '-05',
  MST: '-07',
  MDT: '-06',
  PST: '-08',
  PDT: '-07',
};

const FRACTION = String.raw`(?:\.(?<fraction>\d{1,6}))?`;
const TIME = String.raw`(?:[ T](?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})${FRACTION})?)?`;
const ZONE = String.raw`\s*(?<zone>[A-Za-z]{1,4}|[+-]\d{1,2}(?::?\d{2})?)?`;
const COMPACT_TIME = String.raw` (?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})`;

// The shapes 'auto' recognises: the DATEFORMAT/TIMEFORMAT examples plus the automatic-recognition table.
const autoShapes = [
  String.raw`(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})${TIME}`,
  String.raw`(?<year>\d{4})/(?<month>\d{1,2})/(?<day>\d{1,2})${TIME}`,
  String.raw`(?<year>\d{4})\.(?<month>\d{1,2})\.(?<day>\d{1,2})${TIME}`,
  // YYYYMMDD HHMISS and YYMMDD HHMISS (19960108 040809, 960108 040809).
  String.raw`(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})${COMPACT_TIME}`,
  String.raw`(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})${TIME}`,
  String.raw`(?<yy>\d{2})(?<month>\d{2})(?<day>\d{2})${COMPACT_TIME}`,
  // YYYY.DDD (1996.008): a day of the year.
  String.raw`(?<year>\d{4})\.(?<doy>\d{3})${TIME}`,
  // Julian day (J2451187).
  String.raw`J(?<julian>\d{1,7})${TIME}`,
  String.raw`(?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{4})${TIME}`,
  String.raw`(?<month>\d{1,2})-(?<day>\d{1,2})-(?<year>\d{4})${TIME}`,
  // MM.DD.YYYY (03.31.2003 18:45:05, 12.17.1997 07:37:16.00 PST); a first number over 12 reads as the day.
  String.raw`(?<first>\d{1,2})\.(?<second_>\d{1,2})\.(?<year>\d{4})${TIME}`,
  String.raw`(?<day>\d{1,2})[- ](?<mon>[A-Za-z]{3,9})[- ](?<year>\d{4})${TIME}`,
  String.raw`(?<mon>[A-Za-z]{3,9})\.? (?<day>\d{1,2}),? (?<year>\d{4})${TIME}`,
  // Mon-DD-YYYY (Jan-01-1999) and Mon-DD-YY [BC] (Jan-08-95 BC).
  String.raw`(?<mon>[A-Za-z]{3,9})-(?<day>\d{1,2})-(?:(?<year>\d{4})|(?<yy>\d{2}))(?: (?<era>BC|AD))?`,
  // DD Mon HH:MI:SS YYYY TZ (17 Dec 07:37:16 1997 PST).
  String.raw`(?<day>\d{1,2}) (?<mon>[A-Za-z]{3,9}) (?<hour>\d{1,2}):(?<minute>\d{2}):(?<second>\d{2})${FRACTION} (?<year>\d{4})`,
].map((shape) => new RegExp(`^${shape}${ZONE}$`, 'i'));

const patternTokens: [string, string][] = [
  ['YYYY', String.raw`(?<year>\d{4})`],
  ['YY', String.raw`(?<yy>\d{2})`],
  ['MONTH', '(?<mon>[A-Za-z]{3,9})'],
  // MON is the month's name, abbreviated or in full.
  ['MON', '(?<mon>[A-Za-z]{3,9})'],
  ['MM', String.raw`(?<month>\d{1,2})`],
  ['DD', String.raw`(?<day>\d{1,2})`],
  ['HH24', String.raw`(?<hour>\d{1,2})`],
  ['HH12', String.raw`(?<hour12>\d{1,2})`],
  // In COPY's DATEFORMAT/TIMEFORMAT strings HH is HH24.
  ['HH', String.raw`(?<hour>\d{1,2})`],
  ['MI', String.raw`(?<minute>\d{2})`],
  // SS also takes fractional seconds down to microseconds.
  ['SS', String.raw`(?<second>\d{2})(?:\.(?<sfraction>\d{1,6}))?`],
  ['US', String.raw`(?<fraction>\d{1,6})`],
  ['MS', String.raw`(?<fraction>\d{1,3})`],
  ['AM', '(?<ampm>[AaPp][Mm])'],
  ['PM', '(?<ampm>[AaPp][Mm])'],
];

const compiled = new Map<string, RegExp>();

/** Turns a Redshift datetime pattern (YYYY-MM-DD HH24:MI:SS) into a regular expression. */
export function patternToRegExp(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  let source = '';
  let i = 0;
  const upper = pattern.toUpperCase();
  while (i < pattern.length) {
    const token = patternTokens.find(([name]) => upper.startsWith(name, i));
    if (token) {
      source += token[1];
      i += token[0].length;
    } else {
      source += (pattern[i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  const regexp = new RegExp(`^${source}$`);
  compiled.set(pattern, regexp);
  return regexp;
}

/** Two-digit years: 70–99 are 19xx, 00–69 are 20xx. */
const fullYear = (yy: string) => 2000 + Number(yy) - (Number(yy) >= 70 ? 100 : 0);

function dateOf(groups: Record<string, string | undefined>): [number, number, number] | undefined {
  if (groups.julian !== undefined) {
    // Julian day 2440588 is 1970-01-01.
    const d = new Date((Number(groups.julian) - 2440588) * 86_400_000);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  }
  if (groups.doy !== undefined) {
    const year = Number(groups.year);
    const doy = Number(groups.doy);
    if (doy < 1 || doy > (isLeap(year) ? 366 : 365)) return undefined;
    // setUTCFullYear takes the year as written (Date.UTC would read 0-99 as 1900-1999) and rolls the day over.
    const d = new Date(0);
    d.setUTCFullYear(year, 0, doy);
    return [year, d.getUTCMonth() + 1, d.getUTCDate()];
  }
  let month = Number(groups.month);
  let day = Number(groups.day);
  if (groups.first !== undefined) {
    [month, day] = [Number(groups.first), Number(groups.second_)];
    if (month > 12) [month, day] = [day, month];
  }
  if (groups.mon) month = monthNumber(groups.mon);
  let year = Number(groups.year);
  if (groups.yy !== undefined) {
    // With an era, a two-digit year is the year itself (Jan-08-95 BC is 95 BC).
    year = groups.era ? Number(groups.yy) : fullYear(groups.yy);
  }
  if (groups.era?.toUpperCase() === 'BC') {
    if (year < 1) return undefined;
    year = 1 - year;
  }
  return [year, month, groups.day === undefined && groups.first === undefined ? 1 : day];
}

function partsFrom(groups: Record<string, string | undefined>): DateParts | undefined {
  const date = dateOf(groups);
  if (!date) return undefined;
  const [year, month, day] = date;
  let hour = Number(groups.hour ?? groups.hour12 ?? 0);
  if (groups.ampm) hour = (hour % 12) + (groups.ampm.toLowerCase() === 'pm' ? 12 : 0);
  const parts: DateParts = {
    year,
    month,
    day,
    hour,
    minute: Number(groups.minute ?? 0),
    second: Number(groups.second ?? 0),
    fraction: groups.fraction ?? groups.sfraction ?? '',
  };
  if (groups.zone) {
    const zone = /^[A-Za-z]/.test(groups.zone) ? ZONE_NAMES[groups.zone.toUpperCase()] : groups.zone;
    if (zone === undefined) return undefined;
    parts.zone = zone;
  }
  return isValid(parts) ? parts : undefined;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isValid(p: DateParts): boolean {
  if (!(p.month >= 1 && p.month <= 12 && p.day >= 1 && p.hour <= 23 && p.minute <= 59 && p.second <= 59))
    return false;
  const days = [31, isLeap(p.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p.month - 1] as number;
  return p.day <= days && Number.isFinite(p.year);
}

function parse(value: string, format: string): DateParts | undefined {
  const text = value.trim();
  if (format.toLowerCase() === 'auto') {
    for (const regexp of autoShapes) {
      const match = regexp.exec(text);
      if (match?.groups) return partsFrom(match.groups);
    }
    return undefined;
  }
  if (format.toLowerCase() === 'epochsecs' || format.toLowerCase() === 'epochmillisecs') {
    if (!/^-?\d+$/.test(text)) return undefined;
    const ms = format.toLowerCase() === 'epochsecs' ? Number(text) * 1000 : Number(text);
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      fraction: String(d.getUTCMilliseconds()).padStart(3, '0'),
    };
  }
  const match = patternToRegExp(format).exec(text);
  return match?.groups ? partsFrom(match.groups) : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** PostgreSQL's spelling of a date: years before 1 AD as 'YYYY-MM-DD BC'. */
function dateText(p: DateParts): string {
  const bc = p.year < 1;
  return `${pad(bc ? 1 - p.year : p.year, 4)}-${pad(p.month)}-${pad(p.day)}${bc ? ' BC' : ''}`;
}

/** 'YYYY-MM-DD', or undefined when the value does not match the format or is not a real date. */
export function parseDate(value: string, format: string): string | undefined {
  const p = parse(value, format);
  return p && dateText(p);
}

/** 'YYYY-MM-DD HH:MI:SS[.ffffff][zone]', or undefined. A zone is kept for TIMESTAMPTZ only. */
export function parseTimestamp(value: string, format: string, withZone: boolean): string | undefined {
  const p = parse(value, format);
  if (!p) return undefined;
  const fraction = p.fraction ? `.${p.fraction}` : '';
  const zone = withZone ? (p.zone ?? '+00') : '';
  const date = dateText(p);
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${zone}`;
  return date.endsWith(' BC') ? `${date.slice(0, -3)} ${time} BC` : `${date} ${time}`;
}
