import type { Config, Person } from '../domain/config.js';
import { absenceOn, dayType } from '../domain/calendar.js';
import { dayOptions, type DayOption } from '../domain/day-options.js';
import { weekDates, weeklyRestPairs } from '../domain/periods.js';
import type { Gap } from '../domain/rota.js';
import { addDays, eachDate, instantAt, isoInstant, mondayOf, parseTime, subtract, toDateTime, union, weekday, type Interval, type IsoDate } from '../domain/time.js';
import { fmtH, restBetween } from '../domain/worktime.js';
import { requiredWindows } from '../../solver/rota-model.js';
import { ABSENCE_LABELS } from './assemble.js';

type Chosen = Map<string, DayOption>;
const k = (p: string, d: string) => `${p}|${d}`;

/** Why a person could not take an option on a date, given the rest of the plan: the first hard rule it would break. */
export function whyNot(person: Person, option: DayOption, chosen: Chosen, config: Config): string | null {
  const rules = config.rules;
  const date = option.date;
  const hm = (t: number) => toDateTime(t, config.timezone).toFormat('HH:mm');
  const prev = chosen.get(k(person.id, addDays(date, -1)));
  if (prev && restBetween(prev.work, option.work) < rules.minDailyRestMinutes) return `repos quotidien : ${prev.label} la veille jusqu’à ${hm(prev.work.last)}`;
  const next = chosen.get(k(person.id, addDays(date, 1)));
  if (next && restBetween(option.work, next.work) < rules.minDailyRestMinutes) return `repos quotidien : ${next.label} le lendemain dès ${hm(next.work.first)}`;
  const worked = (d: IsoDate) => d === date || chosen.has(k(person.id, d));
  let run = 1;
  for (let d = addDays(date, -1); worked(d) && run <= rules.maxConsecutiveDays; d = addDays(d, -1)) run++;
  for (let d = addDays(date, 1); worked(d) && run <= rules.maxConsecutiveDays; d = addDays(d, 1)) run++;
  if (run > rules.maxConsecutiveDays) return `${run} jours d’affilée (maximum ${rules.maxConsecutiveDays})`;
  const monday = mondayOf(date);
  const week = weekDates(monday);
  const off = week.filter((d) => !worked(d)).length;
  if (off < rules.weeklyRestDays) return `repos hebdomadaire : ${7 - off} jours travaillés dans la semaine`;
  const minutes = week.reduce((s, d) => s + (d === date ? option.work.minutes : (chosen.get(k(person.id, d))?.work.minutes ?? 0)), 0);
  if (minutes > rules.maxWeeklyMinutes) return `${fmtH(minutes)} dans la semaine (maximum ${fmtH(rules.maxWeeklyMinutes)})`;
  if (rules.weeklyRestConsecutive && !weeklyRestPairs(monday).some(([a, b]) => !worked(a) && !worked(b)))
    return 'repos hebdomadaire : plus deux jours de repos consécutifs';
  const sundays = eachDate(addDays(date, -27), addDays(date, 27)).filter((d) => weekday(d) === 7);
  for (let i = 0; i + 4 <= sundays.length; i++) {
    const w = sundays.slice(i, i + 4);
    if (w.includes(date) && w.filter((d) => !worked(d)).length < rules.minSundaysOffPer4Weeks)
      return `dimanches : moins de ${rules.minSundaysOffPer4Weeks} dimanches de repos sur 4 semaines`;
  }
  return null;
}

function reasonsFor(date: IsoDate, window: Interval, wanted: (o: DayOption) => boolean, chosen: Chosen, config: Config): Gap['reasons'] {
  const out: Gap['reasons'] = [];
  for (const person of config.people.filter((p) => p.onRota)) {
    const leave = absenceOn(person.id, date, config);
    const mine = chosen.get(k(person.id, date));
    if (leave) out.push({ personId: person.id, reason: `absent(e) : ${ABSENCE_LABELS[leave.kind]}` });
    else if (mine) out.push({ personId: person.id, reason: `assure déjà : ${mine.label}` });
    else {
      const candidates = dayOptions(person, date, config).filter((o) => wanted(o) && (o.doublure || o.cover.some((c) => c.start < window.end && window.start < c.end)));
      const why = candidates.map((o) => whyNot(person, o, chosen, config));
      out.push({
        personId: person.id,
        reason: candidates.length === 0 ? 'aucun horaire possible sur ce créneau' : (why.find((r) => r) ?? 'libre, mais le prendre découvrirait un autre créneau'),
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
      gaps.push({ date, kind: 'permanence', start: isoInstant(hole.start, tz), end: isoInstant(hole.end, tz), minutes: hole.end - hole.start, reasons: reasonsFor(date, hole, (o) => o.cover.length > 0, chosen, config) });
    const type = dayType(date, config);
    const required = config.doublure[type];
    const present = today.filter((o) => o.doublure).length;
    const t = config.shiftTemplates.find((x) => x.kind === 'doublure' && x.dayTypes.includes(type));
    if (present >= required || !t) continue;
    const window = { start: instantAt(date, parseTime(t.start), tz), end: instantAt(date, parseTime(t.end), tz) };
    for (let i = present; i < required; i++)
      gaps.push({ date, kind: 'doublure', start: isoInstant(window.start, tz), end: isoInstant(window.end, tz), minutes: window.end - window.start, reasons: reasonsFor(date, window, (o) => o.doublure, chosen, config) });
  }
  return gaps;
}
