// A feed's expected arrival: a due time of day in an IANA zone on some weekdays; a feed is late when a due passes
// without a file since the due before it. Zone arithmetic with Intl only.

import { checkTimezone, wallClockParts } from '../time/wall-clock.js';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

export interface ArrivalContract {
  /** 'HH:MM', local to `timezone`. */
  time: { hour: number; minute: number };
  timezone: string;
  /** Days a file is due, by Weekday; `daily` is all seven. */
  days: Weekday[];
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock fields of `instant` in `timezone`, as numbers. */
function wallClock(instant: Date, timezone: string) {
  const p = wallClockParts(instant, timezone);
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, timezone: string): number {
  const w = wallClock(instant, timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant the zone's clocks show `date` at hour:minute. A time skipped by a spring-forward change is moved later
 * by the gap (02:30 becomes 03:30, as Temporal's 'compatible' does); a time shown twice in autumn is its first showing.
 */
export function zonedInstant(date: LocalDate, hour: number, minute: number, timezone: string): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const earlier = naive - offsetAt(new Date(naive - 86_400_000 / 2), timezone);
  const later = naive - offsetAt(new Date(naive + 86_400_000 / 2), timezone);
  const candidates = [earlier, later].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const w = wallClock(new Date(candidate), timezone);
    if (w.hour === hour && w.minute === minute && w.day === date.day) return new Date(candidate);
  }
  // In a spring-forward gap neither offset shows that time; the earlier offset, applied, lands the gap's length later.
  return new Date(Math.max(earlier, later));
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function weekdayOf(date: LocalDate): Weekday {
  return weekdays[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
}

/** The due instants at or before `now`, latest first: the last due and the one before it (undefined: none in 15 days). */
export function recentDues(contract: ArrivalContract, now: Date): { due: Date; previous: Date } | undefined {
  const today = wallClock(now, contract.timezone);
  const found: Date[] = [];
  for (let back = 0; back <= 15 && found.length < 2; back += 1) {
    const date = addDays(today, -back);
    if (!contract.days.includes(weekdayOf(date))) continue;
    const due = zonedInstant(date, contract.time.hour, contract.time.minute, contract.timezone);
    if (due.getTime() <= now.getTime()) found.push(due);
  }
  const [due, previous] = found;
  return due && previous ? { due, previous } : undefined;
}

/** Late when the last due has passed and nothing arrived after the due before it. */
export function isLate(
  contract: ArrivalContract,
  now: Date,
  lastArrival: Date | undefined,
): { due: Date; previous: Date } | undefined {
  const dues = recentDues(contract, now);
  if (dues === undefined) return undefined;
  if (lastArrival !== undefined && lastArrival.getTime() > dues.previous.getTime()) return undefined;
  return dues;
}

/** 'HH:MM' or undefined. */
export function parseDueTime(value: string): ArrivalContract['time'] | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** 'daily', 'weekdays' or a comma list of mon..sun; undefined when anything else. */
export function parseDueDays(value: string): Weekday[] | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'daily') return [...weekdays];
  if (text === 'weekdays') return ['mon', 'tue', 'wed', 'thu', 'fri'];
  const days = text.split(',').map((day) => day.trim());
  if (days.length === 0 || days.some((day) => !(weekdays as readonly string[]).includes(day)))
    return undefined;
  return [...new Set(days as Weekday[])];
}

/** True when Intl knows the zone. */
export function isTimezone(value: string): boolean {
  try {
    checkTimezone(value);
    return true;
  } catch {
    return false;
  }
}

/** '09:00 America/Chicago weekdays'-like text for `ferry rules`, `explain` and messages. */
export function describeArrival(contract: ArrivalContract): string {
  const hh = String(contract.time.hour).padStart(2, '0');
  const mm = String(contract.time.minute).padStart(2, '0');
  return `${hh}:${mm} ${contract.timezone} ${contract.days.join(',')}`;
}
