import type { Config, Person, ShiftTemplate } from './config.js';
import { attendanceWindow, dayType, meetingsOn, type MeetingOccurrence } from './calendar.js';
import type { Assignment, AssignmentKind } from './rota.js';
import { instantAt, isoInstant, parseIsoInstant, parseTime, weekday, type Interval, type IsoDate } from './time.js';
import { dayIssues, dayWork, type DayWork } from './worktime.js';

export interface OptionSegment extends Interval {
  kind: AssignmentKind;
  label: string;
  site: ShiftTemplate['site'];
  breakMinutes: number;
  templateId: string;
  meetingId?: string;
}

/** One lawful way for a person to spend a day at work: a shift (with the meetings it leaves room for) or meetings only. */
export interface DayOption {
  /** The template id, or "reunions" for a day of meetings only. */
  id: string;
  personId: string;
  date: IsoDate;
  kind: 'permanence' | 'doublure' | 'journee' | 'reunions';
  label: string;
  segments: OptionSegment[];
  work: DayWork;
  /** Time at the hébergement on permanence. */
  cover: Interval[];
  doublure: boolean;
  evening: boolean;
  long: boolean;
  attended: string[];
  missed: { meetingId: string; reason: string }[];
}

export const MEETINGS_ONLY = 'reunions';

export function templatesOn(date: IsoDate, config: Config): ShiftTemplate[] {
  const type = dayType(date, config);
  const wd = weekday(date);
  return config.shiftTemplates.filter((t) => t.dayTypes.includes(type) && (!t.weekdays || t.weekdays.includes(wd)));
}

function templateSegments(t: ShiftTemplate, date: IsoDate, config: Config): OptionSegment[] {
  const tz = config.timezone;
  const kind: AssignmentKind = t.kind;
  const parts: [string, string][] = t.unpaid ? [[t.start, t.unpaid[0]], [t.unpaid[1], t.end]] : [[t.start, t.end]];
  return parts.map(([s, e]) => ({
    kind,
    label: t.label,
    site: t.site,
    breakMinutes: t.breakMinutes,
    templateId: t.id,
    start: instantAt(date, parseTime(s), tz),
    end: instantAt(date, parseTime(e), tz),
  }));
}

/** A meeting fits beside a shift when they do not overlap, with the travel time between two sites. */
function fits(window: Interval, site: string, shift: OptionSegment[], travel: number): boolean {
  return shift.every((s) => {
    if (s.kind === 'journee') return true; // milieu-ouvert work is arranged around the meetings
    const pad = s.site === site ? 0 : travel;
    return window.end + pad <= s.start || s.end + pad <= window.start;
  });
}

export interface PersonMeeting {
  occ: MeetingOccurrence;
  window: Interval;
  site: ShiftTemplate['site'];
}

export function personMeetings(p: Person, date: IsoDate, config: Config): PersonMeeting[] {
  const out: PersonMeeting[] = [];
  for (const occ of meetingsOn(date, config).held) {
    const window = attendanceWindow(p, occ, config);
    if (window) out.push({ occ, window, site: occ.site });
  }
  return out;
}

function build(p: Person, date: IsoDate, config: Config, id: string, kind: DayOption['kind'], label: string, shift: OptionSegment[], t?: ShiftTemplate): DayOption | null {
  const meetings = personMeetings(p, date, config);
  const segments = [...shift];
  const attended: string[] = [];
  const missed: DayOption['missed'] = [];
  for (const m of meetings) {
    if (fits(m.window, m.site, shift, config.rules.travelMinutes)) {
      const candidate = [...segments, meetingSegment(m)];
      if (dayIssues(candidate, config.rules, t?.long).length === 0) {
        segments.push(meetingSegment(m));
        attended.push(m.occ.meetingId);
      } else missed.push({ meetingId: m.occ.meetingId, reason: 'durée du travail de la journée' });
    } else missed.push({ meetingId: m.occ.meetingId, reason: t ? `${t.label}` : 'incompatible' });
  }
  if (segments.length === 0) return null;
  if (dayIssues(segments, config.rules, t?.long).length > 0) return null;
  const cover = segments.filter((s) => s.kind === 'permanence').map(({ start, end }) => ({ start, end }));
  return {
    id,
    personId: p.id,
    date,
    kind,
    label,
    segments: segments.sort((a, b) => a.start - b.start),
    work: dayWork(segments, config.rules)!,
    cover,
    doublure: kind === 'doublure',
    evening: !!t?.evening,
    long: !!t?.long,
    attended,
    missed,
  };
}

function meetingSegment(m: PersonMeeting): OptionSegment {
  return { kind: 'reunion', label: m.occ.label, site: m.site, breakMinutes: 0, templateId: MEETINGS_ONLY, meetingId: m.occ.meetingId, start: m.window.start, end: m.window.end };
}

/** Every lawful day option of a person on a date (rest is the absence of an option; leave is handled by the caller). */
export function dayOptions(p: Person, date: IsoDate, config: Config): DayOption[] {
  if (!p.planned) return [];
  const out: DayOption[] = [];
  for (const t of templatesOn(date, config)) {
    if ((t.kind !== 'journee' || t.rotaOnly) && !p.onRota) continue;
    const o = build(p, date, config, t.id, t.kind, t.label, templateSegments(t, date, config), t);
    if (o) out.push(o);
  }
  // People on the rota attend meetings within a shift or a journée; a day of meetings only is for the others.
  if (!p.onRota && personMeetings(p, date, config).length > 0) {
    const o = build(p, date, config, MEETINGS_ONLY, 'reunions', 'Réunions', []);
    if (o) out.push(o);
  }
  return out;
}

/** The rota assignments of a chosen option. */
export function optionAssignments(o: DayOption, config: Config, extra: Partial<Assignment> = {}): Assignment[] {
  return o.segments.map((s) => ({
    personId: o.personId,
    date: o.date,
    kind: s.kind,
    start: isoInstant(s.start, config.timezone),
    end: isoInstant(s.end, config.timezone),
    label: s.label,
    templateId: o.id,
    ...(s.meetingId ? { meetingId: s.meetingId } : {}),
    site: s.site,
    breakMinutes: s.breakMinutes,
    locked: false,
    edited: false,
    ...extra,
  }));
}

/**
 * The day option behind a person's assignments of one day: the matching template option when the day is as the
 * solver makes it, or a hand-made one (an edited day keeps its exact times).
 */
export function optionFromAssignments(p: Person, date: IsoDate, assignments: Assignment[], config: Config): DayOption | null {
  const work = assignments.filter((a) => a.personId === p.id && a.date === date && a.kind !== 'conge');
  if (work.length === 0) return null;
  const segments: OptionSegment[] = work.map((a) => ({
    kind: a.kind,
    label: a.label,
    site: a.site ?? 'hebergement',
    breakMinutes: a.breakMinutes,
    templateId: a.templateId ?? 'manuel',
    ...(a.meetingId ? { meetingId: a.meetingId } : {}),
    start: parseIsoInstant(a.start),
    end: parseIsoInstant(a.end),
  }));
  const same = (o: DayOption) =>
    o.segments.length === segments.length && o.segments.every((s) => segments.some((x) => x.start === s.start && x.end === s.end && x.kind === s.kind));
  const known = dayOptions(p, date, config).find((o) => o.id === (work[0].templateId ?? '') && same(o));
  if (known) return known;
  const t = config.shiftTemplates.find((x) => x.id === work.find((a) => a.kind !== 'reunion')?.templateId);
  const main = work.find((a) => a.kind !== 'reunion') ?? work[0];
  return {
    id: main.templateId ?? 'manuel',
    personId: p.id,
    date,
    kind: main.kind === 'reunion' ? 'reunions' : main.kind === 'conge' ? 'journee' : main.kind,
    label: main.label,
    segments: segments.sort((a, b) => a.start - b.start),
    work: dayWork(segments, config.rules)!,
    cover: segments.filter((s) => s.kind === 'permanence').map(({ start, end }) => ({ start, end })),
    doublure: segments.some((s) => s.kind === 'doublure'),
    evening: !!t?.evening,
    long: !!t?.long,
    attended: segments.flatMap((s) => (s.meetingId ? [s.meetingId] : [])),
    missed: [],
  };
}
