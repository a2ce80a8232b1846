import type { Config, Person } from '../domain/config.js';
import { absenceOn, dayType } from '../domain/calendar.js';
import { dayOptions, optionAssignments, type DayOption } from '../domain/day-options.js';
import type { Gap, Rota } from '../domain/rota.js';
import { addDays, eachDate, instantAt, isoInstant, parseTime, subtract, union, type Interval, type IsoDate } from '../domain/time.js';
import { checkRota, RULES, ruleLabel } from '../rules/index.js';
import { requiredWindows } from '../../solver/rota-model.js';
import { ABSENCE_LABELS } from './assemble.js';

type Chosen = Map<string, DayOption>;
const k = (p: string, d: string) => `${p}|${d}`;

/** The checker's rules about one person's own days (not the team's coverage, astreinte or relays). */
const PERSON_RULES = RULES.filter((r) => r.severity === 'hard' && !['couverture', 'doublure', 'astreinte', 'relais-nuit', 'hors-rota', 'conge'].includes(r.id));

/**
 * Why a person could not take an option on a date, given the rest of the plan: the first hard rule of the checker it
 * would break. The checker judges a trial of that person's days around the date, with and without the option, so a
 * rule has one definition; only what the option adds counts. The person's days without the option are judged once,
 * for all the options of that date.
 */
export function whyNotOn(person: Person, date: IsoDate, chosen: Chosen, config: Config, period: { from: IsoDate; to: IsoDate }): (option: DayOption) => string | null {
  const from = addDays(date, -84) > period.from ? addDays(date, -84) : period.from;
  const to = addDays(date, 84) < period.to ? addDays(date, 84) : period.to;
  const mine = eachDate(from, to).flatMap((d) => (d === date ? [] : [chosen.get(k(person.id, d))].filter((o): o is DayOption => !!o)));
  const solo: Config = { ...config, people: [person] };
  const trial = (days: DayOption[]) => {
    const rota: Rota = { version: 1, from, to, timezone: config.timezone, people: [{ id: person.id, name: person.name, role: person.role, team: person.team, fte: person.fte }], assignments: days.flatMap((o) => optionAssignments(o, config)), astreinte: [], relays: [], gaps: [], meetings: [], cancelledMeetings: [] };
    return checkRota(solo, rota, PERSON_RULES).violations;
  };
  let before: Set<string> | undefined;
  return (option) => {
    before ??= new Set(trial(mine).map((v) => `${v.rule}|${v.date}|${v.message}`));
    const added = trial([...mine, option]).find((v) => !before!.has(`${v.rule}|${v.date}|${v.message}`));
    return added ? `${ruleLabel(added.rule).toLowerCase()} : ${added.message}` : null;
  };
}

function reasonsFor(date: IsoDate, window: Interval, wanted: (o: DayOption) => boolean, chosen: Chosen, config: Config, period: { from: IsoDate; to: IsoDate }): Gap['reasons'] {
  const out: Gap['reasons'] = [];
  for (const person of config.people.filter((p) => p.onRota)) {
    const leave = absenceOn(person.id, date, config);
    const mine = chosen.get(k(person.id, date));
    if (leave) out.push({ personId: person.id, reason: `absent(e) : ${ABSENCE_LABELS[leave.kind]}` });
    else if (mine) out.push({ personId: person.id, reason: `assure déjà : ${mine.label}` });
    else {
      const candidates = dayOptions(person, date, config).filter((o) => wanted(o) && (o.doublure || o.cover.some((c) => c.start < window.end && window.start < c.end)));
      const whyNot = whyNotOn(person, date, chosen, config, period);
      let why: string | null = null;
      for (const o of candidates) if ((why = whyNot(o))) break;
      out.push({
        personId: person.id,
        reason: candidates.length === 0 ? 'aucun horaire possible sur ce créneau' : (why ?? 'libre, mais le prendre découvrirait un autre créneau'),
      });
    }
  }
  return out;
}

/** The opening time left without permanence, and the missing doublures, each with the reason for every rota worker. */
export function findGaps(config: Config, from: IsoDate, to: IsoDate, chosenList: DayOption[]): Gap[] {
  const chosen: Chosen = new Map(chosenList.map((o) => [k(o.personId, o.date), o]));
  const tz = config.timezone;
  const gaps: Gap[] = [];
  for (const date of eachDate(from, to)) {
    const today = chosenList.filter((o) => o.date === date);
    const covered = union(today.flatMap((o) => o.cover));
    for (const hole of subtract(requiredWindows(date, config), covered))
      gaps.push({ date, kind: 'permanence', start: isoInstant(hole.start, tz), end: isoInstant(hole.end, tz), minutes: hole.end - hole.start, reasons: reasonsFor(date, hole, (o) => o.cover.length > 0, chosen, config, { from, to }) });
    const type = dayType(date, config);
    const required = config.doublure[type];
    const present = today.filter((o) => o.doublure).length;
    const t = config.shiftTemplates.find((x) => x.kind === 'doublure' && x.dayTypes.includes(type));
    if (present >= required || !t) continue;
    const window = { start: instantAt(date, parseTime(t.start), tz), end: instantAt(date, parseTime(t.end), tz) };
    for (let i = present; i < required; i++)
      gaps.push({ date, kind: 'doublure', start: isoInstant(window.start, tz), end: isoInstant(window.end, tz), minutes: window.end - window.start, reasons: reasonsFor(date, window, (o) => o.doublure, chosen, config, { from, to }) });
  }
  return gaps;
}
