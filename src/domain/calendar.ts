import type { Config, DayType, Meeting, MemberGroup, Person } from './config.js';
import { holidayName } from './holidays.js';
import { addDays, instantAt, parseTime, weekday, type Instant, type Interval, type IsoDate } from './time.js';

/** The day type whose opening hours and shift templates apply on a date. */
export function dayType(date: IsoDate, config: Config): DayType {
  if (holidayName(date)) return config.holidaysAs;
  const wd = weekday(date);
  return wd === 6 ? 'saturday' : wd === 7 ? 'sunday' : 'weekday';
}

export function isWeekend(date: IsoDate): boolean {
  return weekday(date) >= 6;
}

/** Opening hours of the hébergement on a date, as instants (wall-clock hours, so DST days keep 08:00–22:30). */
export function openingWindow(date: IsoDate, config: Config): Interval {
  const h = config.openingHours[dayType(date, config)];
  return { start: instantAt(date, parseTime(h.open), config.timezone), end: instantAt(date, parseTime(h.close), config.timezone) };
}

/** Night relay from the closing of `date` to the opening of the next day. */
export function nightWindow(date: IsoDate, config: Config): Interval {
  return { start: openingWindow(date, config).end, end: openingWindow(addDays(date, 1), config).start };
}

export interface MeetingOccurrence {
  meetingId: string;
  label: string;
  date: IsoDate;
  site: Meeting['site'];
  start: Instant;
  end: Instant;
}

function isFirstOfMonth(date: IsoDate): boolean {
  return Number(date.slice(8, 10)) <= 7;
}

function occursOn(m: Meeting, date: IsoDate): boolean {
  if (!m.enabled || weekday(date) !== m.weekday) return false;
  if (m.recurrence === 'first-of-month' && !isFirstOfMonth(date)) return false;
  return !(m.skipOnHoliday && holidayName(date));
}

/** Meetings held on a date, after replacements (the service meeting replaces the Nord meeting). */
export function meetingsOn(date: IsoDate, config: Config): { held: MeetingOccurrence[]; cancelled: { meetingId: string; reason: string }[] } {
  const candidates = config.meetings.filter((m) => m.enabled && weekday(date) === m.weekday && (m.recurrence === 'weekly' || isFirstOfMonth(date)));
  const cancelled: { meetingId: string; reason: string }[] = [];
  const holding = candidates.filter((m) => {
    if (occursOn(m, date)) return true;
    cancelled.push({ meetingId: m.id, reason: `jour férié (${holidayName(date)})` });
    return false;
  });
  const replaced = new Set(holding.flatMap((m) => m.replaces));
  const held: MeetingOccurrence[] = [];
  for (const m of holding) {
    if (replaced.has(m.id)) {
      const by = holding.find((o) => o.replaces.includes(m.id))!;
      cancelled.push({ meetingId: m.id, reason: `remplacée par ${by.label}` });
      continue;
    }
    held.push({
      meetingId: m.id,
      label: m.label,
      date,
      site: m.site,
      start: instantAt(date, parseTime(m.start), config.timezone),
      end: instantAt(date, parseTime(m.end), config.timezone),
    });
  }
  return { held, cancelled };
}

function matchesGroup(p: Person, g: MemberGroup): boolean {
  if (g.personIds && !g.personIds.includes(p.id)) return false;
  if (g.roles && !g.roles.includes(p.role)) return false;
  if (g.teams && !g.teams.includes(p.team)) return false;
  if (g.onRota !== undefined && g.onRota !== p.onRota) return false;
  return true;
}

/** The part of a meeting a person is expected at, or null when not a member. */
export function attendanceWindow(p: Person, occ: MeetingOccurrence, config: Config): Interval | null {
  const m = config.meetings.find((x) => x.id === occ.meetingId)!;
  let best: Interval | null = null;
  for (const g of m.members) {
    if (!matchesGroup(p, g)) continue;
    const start = g.from ? instantAt(occ.date, parseTime(g.from), config.timezone) : occ.start;
    const end = g.to ? instantAt(occ.date, parseTime(g.to), config.timezone) : occ.end;
    best = best ? { start: Math.min(best.start, start), end: Math.max(best.end, end) } : { start, end };
  }
  return best;
}

export function meetingMembers(occ: MeetingOccurrence, config: Config): { person: Person; window: Interval }[] {
  const out: { person: Person; window: Interval }[] = [];
  for (const p of config.people) {
    if (!p.planned) continue;
    const w = attendanceWindow(p, occ, config);
    if (w) out.push({ person: p, window: w });
  }
  return out;
}

export interface RelayWindow extends Interval {
  kind: 'nuit' | 'reunion';
  date: IsoDate;
  holder: string;
  label: string;
  meetingId?: string;
}

/**
 * Windows in which the hébergement is held by a relay rather than the APMN: every night, and the meetings configured
 * with a relay (the 1st-Tuesday service meeting), widened by the travel time to and from the meeting site.
 */
export function relayWindowsOn(date: IsoDate, config: Config): RelayWindow[] {
  const out: RelayWindow[] = [];
  const travel = config.rules.travelMinutes;
  for (const occ of meetingsOn(date, config).held) {
    const m = config.meetings.find((x) => x.id === occ.meetingId)!;
    if (!m.relay) continue;
    const pad = m.site === 'hebergement' ? 0 : travel;
    out.push({ kind: 'reunion', date, start: occ.start - pad, end: occ.end + pad, holder: m.relay.holder, label: m.relay.label, meetingId: m.id });
  }
  const night = nightWindow(date, config);
  const watchman = config.nightRelay.roster.find((r) => r.from <= date && date <= r.to);
  const holder = watchman ? `${config.nightRelay.holder} – ${watchman.name}` : config.nightRelay.holder;
  out.push({ kind: 'nuit', date, ...night, holder, label: config.nightRelay.label });
  return out;
}

/** Absence of a person on a date, if any. */
export function absenceOn(personId: string, date: IsoDate, config: Config) {
  return config.absences.find((a) => a.personId === personId && a.from <= date && date <= a.to);
}
