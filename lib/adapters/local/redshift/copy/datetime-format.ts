// Reads dates and timestamps the way COPY's DATEFORMAT/TIMEFORMAT ('auto' or a pattern) describe them.

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  zone?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:[ T](?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d{1,6}))?)?)?`;
const ZONE = String.raw`\s*(?<zone>Z|UTC|[+-]\d{2}(?::?\d{2})?)?`;

// The shapes 'auto' recognises, most common first.
const autoDates = [
  String.raw`(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})`,
  String.raw`(?<year>\d{4})/(?<month>\d{1,2})/(?<day>\d{1,2})`,
  String.raw`(?<year>\d{4})\.(?<month>\d{1,2})\.(?<day>\d{1,2})`,
  String.raw`(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})`,
  String.raw`(?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{4})`,
  String.raw`(?<month>\d{1,2})-(?<day>\d{1,2})-(?<year>\d{4})`,
  String.raw`(?<day>\d{1,2})[- ](?<mon>[A-Za-z]{3,9})[- ](?<year>\d{4})`,
  String.raw`(?<mon>[A-Za-z]{3,9})\.? (?<day>\d{1,2}),? (?<year>\d{4})`,
].map((date) => new RegExp(`^${date}${TIME}${ZONE}$`));

const patternTokens: [string, string][] = [
  ['YYYY', String.raw`(?<year>\d{4})`],
  ['YY', String.raw`(?<yy>\d{2})`],
  ['MONTH', String.raw`(?<mon>[A-Za-z]{3,9})`],
  ['MON', String.raw`(?<mon>[A-Za-z]{3})`],
  ['MM', String.raw`(?<month>\d{1,2})`],
  ['DD', String.raw`(?<day>\d{1,2})`],
  ['HH24', String.raw`(?<hour>\d{1,2})`],
  ['HH12', String.raw`(?<hour12>\d{1,2})`],
  ['HH', String.raw`(?<hour12>\d{1,2})`],
  ['MI', String.raw`(?<minute>\d{2})`],
  ['SS', String.raw`(?<second>\d{2})`],
  ['US', String.raw`(?<fraction>\d{1,6})`],
  ['MS', String.raw`(?<fraction>\d{1,3})`],
  ['AM', String.raw`(?<ampm>[AaPp][Mm])`],
  ['PM', String.raw`(?<ampm>[AaPp][Mm])`],
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

function partsFrom(groups: Record<string, string | undefined>): DateParts | undefined {
  let month = Number(groups.month);
  if (groups.mon) month = MONTHS.indexOf(groups.mon.slice(0, 3).toLowerCase()) + 1;
  const year = groups.yy
    ? 2000 + Number(groups.yy) - (Number(groups.yy) >= 70 ? 100 : 0)
    : Number(groups.year);
  let hour = Number(groups.hour ?? groups.hour12 ?? 0);
  if (groups.ampm) hour = (hour % 12) + (groups.ampm.toLowerCase() === 'pm' ? 12 : 0);
  const parts: DateParts = {
    year,
    month,
    day: Number(groups.day ?? 1),
    hour,
    minute: Number(groups.minute ?? 0),
    second: Number(groups.second ?? 0),
    fraction: groups.fraction ?? '',
  };
  if (groups.zone) parts.zone = groups.zone;
  return isValid(parts) ? parts : undefined;
}

function isValid(p: DateParts): boolean {
  if (!(p.month >= 1 && p.month <= 12 && p.day >= 1 && p.hour <= 23 && p.minute <= 59 && p.second <= 59))
    return false;
  const date = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return date.getUTCMonth() === p.month - 1 && date.getUTCDate() === p.day && p.year >= 1;
}

function parse(value: string, format: string): DateParts | undefined {
  const text = value.trim();
  if (format.toLowerCase() === 'auto') {
    for (const regexp of autoDates) {
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

/** 'YYYY-MM-DD', or undefined when the value does not match the format or is not a real date. */
export function parseDate(value: string, format: string): string | undefined {
  const p = parse(value, format);
  return p && `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD HH:MI:SS[.ffffff][zone]', or undefined. */
export function parseTimestamp(value: string, format: string, withZone: boolean): string | undefined {
  const p = parse(value, format);
  if (!p) return undefined;
  const fraction = p.fraction ? `.${p.fraction}` : '';
  const zone = withZone ? (p.zone && p.zone !== 'UTC' ? p.zone : '+00') : '';
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}${zone}`;
}
