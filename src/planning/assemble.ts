import type { AbsenceKind, Config } from '../domain/config.js';
import { absenceOn, meetingsOn, relayWindowsOn } from '../domain/calendar.js';
import { optionAssignments, personMeetings, type DayOption } from '../domain/day-options.js';
import type { Assignment, AstreinteTurn, Gap, MeetingReport, Relay, Rota } from '../domain/rota.js';
import { addDays, eachDate, instantAt, isoInstant, parseIsoInstant } from '../domain/time.js';

export const ABSENCE_LABELS: Record<AbsenceKind, string> = {
  conges_payes: 'Congés payés',
  conges_trimestriels: 'Congés trimestriels',
  formation: 'Formation',
  maladie: 'Arrêt maladie',
  recuperation: 'Récupération',
  autre: 'Absence',
};

export function leaveAssignments(config: Config, from: string, to: string): Assignment[] {
  const out: Assignment[] = [];
  for (const p of config.people.filter((x) => x.planned))
    for (const date of eachDate(from, to)) {
      const a = absenceOn(p.id, date, config);
      if (!a) continue;
      out.push({
        personId: p.id,
        date,
        kind: 'conge',
        start: isoInstant(instantAt(date, 0, config.timezone), config.timezone),
        end: isoInstant(instantAt(addDays(date, 1), 0, config.timezone), config.timezone),
        label: a.label ?? ABSENCE_LABELS[a.kind],
        breakMinutes: 0,
        locked: false,
        edited: false,
      });
    }
  return out;
}

/** Night and meeting relays of the period, with the permanence workers who hand over and take over. */
export function relaysOf(config: Config, from: string, to: string, assignments: Assignment[]): Relay[] {
  const tz = config.timezone;
  const perm = assignments.filter((a) => a.kind === 'permanence').map((a) => ({ a, s: parseIsoInstant(a.start), e: parseIsoInstant(a.end) }));
  const endingAt = (t: number) => perm.filter((x) => x.e === t || (x.s < t && x.e >= t)).sort((x, y) => y.e - x.e)[0]?.a.personId;
  const startingAt = (t: number) => perm.filter((x) => x.s === t || (x.s <= t && x.e > t)).sort((x, y) => x.s - y.s)[0]?.a.personId;
  const out: Relay[] = [];
  for (const date of eachDate(from, to))
    for (const r of relayWindowsOn(date, config)) {
      out.push({
        kind: r.kind,
        date,
        start: isoInstant(r.start, tz),
        end: isoInstant(r.end, tz),
        holder: r.holder,
        label: r.label,
        ...(endingAt(r.start) ? { handoverFrom: endingAt(r.start) } : {}),
        ...(startingAt(r.end) ? { handoverTo: startingAt(r.end) } : {}),
      });
    }
  return out;
}

/** Who attends each meeting, and why the others miss it. */
export function meetingReports(config: Config, from: string, to: string, chosen: Map<string, DayOption>): MeetingReport[] {
  const tz = config.timezone;
  const out: MeetingReport[] = [];
  for (const date of eachDate(from, to))
    for (const occ of meetingsOn(date, config).held) {
      const report: MeetingReport = { meetingId: occ.meetingId, label: occ.label, date, start: isoInstant(occ.start, tz), end: isoInstant(occ.end, tz), present: [], absent: [] };
      for (const p of config.people) {
        if (!p.planned || !personMeetings(p, date, config).some((m) => m.occ.meetingId === occ.meetingId)) continue;
        const opt = chosen.get(`${p.id}|${date}`);
        const leave = absenceOn(p.id, date, config);
        if (opt?.attended.includes(occ.meetingId)) report.present.push(p.id);
        else if (leave) report.absent.push({ personId: p.id, reason: ABSENCE_LABELS[leave.kind] });
        else if (!opt) report.absent.push({ personId: p.id, reason: 'repos' });
        else report.absent.push({ personId: p.id, reason: opt.missed.find((m) => m.meetingId === occ.meetingId)?.reason ?? opt.label });
      }
      out.push(report);
    }
  return out;
}

export interface AssembleInput {
  config: Config;
  from: string;
  to: string;
  chosen: DayOption[];
  astreinte: AstreinteTurn[];
  gaps: Gap[];
  /** Assignments kept as they are (hand edits that match no option). */
  extra?: Assignment[];
  locked?: Set<string>;
}

export const optionKey = (personId: string, date: string) => `${personId}|${date}`;

export function assembleRota(input: AssembleInput): Rota {
  const { config, from, to } = input;
  const chosenMap = new Map(input.chosen.map((o) => [optionKey(o.personId, o.date), o]));
  const assignments = [
    ...input.chosen.flatMap((o) => optionAssignments(o, config, input.locked?.has(optionKey(o.personId, o.date)) ? { locked: true } : {})),
    ...(input.extra ?? []),
    ...leaveAssignments(config, from, to),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.personId.localeCompare(b.personId) || a.start.localeCompare(b.start));
  return {
    version: 1,
    from,
    to,
    timezone: config.timezone,
    people: config.people.map((p) => ({ id: p.id, name: p.name, role: p.role, team: p.team, fte: p.fte })),
    assignments,
    astreinte: input.astreinte,
    relays: relaysOf(config, from, to, assignments),
    gaps: input.gaps,
    meetings: meetingReports(config, from, to, chosenMap),
    cancelledMeetings: eachDate(from, to).flatMap((date) => meetingsOn(date, config).cancelled.map((c) => ({ date, ...c }))),
  };
}
