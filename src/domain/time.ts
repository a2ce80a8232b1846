import { DateTime } from 'luxon';

/**
 * Instants inside the model are whole minutes since the Unix epoch (UTC): rest and overlap are measured on them,
 * so a night across a DST change has its real length. Dates are plain ISO strings, wall-clock times "HH:MM".
 */
export type Instant = number;
export type IsoDate = string;

export const DEFAULT_TZ = 'Europe/Paris';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTime(hhmm: string): number {
  const m = TIME_RE.exec(hhmm);
  if (!m) throw new Error(`invalid time "${hhmm}": expected HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

// Building a year's model asks for the same few thousand instants again and again; luxon's zone arithmetic is the
// cost, so answers are kept (bounded: cleared when it grows past what a few years of plannings need).
const instants = new Map<string, Instant>();

/** The instant at which the wall clock of `tz` shows `minutes` past midnight on `date` (1440 = next midnight). */
export function instantAt(date: IsoDate, minutes: number, tz = DEFAULT_TZ): Instant {
  const k = `${date}|${minutes}|${tz}`;
  const known = instants.get(k);
  if (known !== undefined) return known;
  if (instants.size > 200_000) instants.clear();
  const v = computeInstantAt(date, minutes, tz);
  instants.set(k, v);
  return v;
}

function computeInstantAt(date: IsoDate, minutes: number, tz: string): Instant {
  const dayOffset = Math.floor(minutes / 1440);
  const rest = minutes - dayOffset * 1440;
  const day = dayOffset ? addDays(date, dayOffset) : date;
  const dt = DateTime.fromObject({ ...dateParts(day), hour: Math.floor(rest / 60), minute: rest % 60 }, { zone: tz });
  return Math.round(dt.toMillis() / 60000);
}

export function toDateTime(instant: Instant, tz = DEFAULT_TZ): DateTime {
  return DateTime.fromMillis(instant * 60000, { zone: tz });
}

/** ISO-8601 with the zone offset, e.g. 2027-03-28T09:00:00+02:00. */
export function isoInstant(instant: Instant, tz = DEFAULT_TZ): string {
  return toDateTime(instant, tz).toISO({ suppressMilliseconds: true })!;
}

export function parseIsoInstant(iso: string): Instant {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`invalid date-time "${iso}": ${dt.invalidExplanation ?? dt.invalidReason}`);
  return Math.round(dt.toMillis() / 60000);
}

/** The local calendar date of an instant. */
export function localDate(instant: Instant, tz = DEFAULT_TZ): IsoDate {
  return toDateTime(instant, tz).toISODate()!;
}

// Calendar-date arithmetic needs no zone: plain UTC day numbers, both ways remembered (the hot path of model
// building and checking walks the same dates over and over).
const dayNumbers = new Map<IsoDate, number>();
const dayDates = new Map<number, IsoDate>();

function utcDay(date: IsoDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    const { year, month, day } = dateParts(date);
    n = Date.UTC(year, month - 1, day) / 86_400_000;
    if (!Number.isInteger(n)) throw new Error(`invalid date "${date}": expected YYYY-MM-DD`);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

function fromUtcDay(n: number): IsoDate {
  let d = dayDates.get(n);
  if (d === undefined) {
    d = new Date(n * 86_400_000).toISOString().slice(0, 10);
    if (dayDates.size > 100_000) dayDates.clear();
    dayDates.set(n, d);
  }
  return d;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtcDay(utcDay(date) + n);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return utcDay(to) - utcDay(from);
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  return ((((utcDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the ISO week holding `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekday(date));
}

export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid;
}

export interface Interval {
  start: Instant;
  end: Instant;
}

/** Sorted, merged union of intervals. */
export function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** Parts of `base` not covered by any of `cut`. */
export function subtract(base: Interval[], cut: Interval[]): Interval[] {
  const cuts = union(cut);
  const out: Interval[] = [];
  for (const b of union(base)) {
    let cursor = b.start;
    for (const c of cuts) {
      if (c.end <= cursor || c.start >= b.end) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
    }
    if (cursor < b.end) out.push({ start: cursor, end: b.end });
  }
  return out;
}

export function totalLength(intervals: Interval[]): number {
  return union(intervals).reduce((s, i) => s + i.end - i.start, 0);
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  return subtract(a, subtract(a, b));
}
