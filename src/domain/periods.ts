import type { Config, Person } from './config.js';
import { weeklyMinutes } from './config.js';
import { absenceOn } from './calendar.js';
import { holidayName } from './holidays.js';
import { addDays, eachDate, mondayOf, weekday, type IsoDate } from './time.js';

/** Mondays of the ISO weeks lying wholly inside [from, to]. */
export function fullWeeks(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let monday = weekday(from) === 1 ? from : addDays(mondayOf(from), 7);
  for (; addDays(monday, 6) <= to; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

/** Mondays of every ISO week touching [from, to]. */
export function touchedWeeks(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

/** Pairs of consecutive days that count as the consecutive part of a week's rest: each holds a day of the week. */
export function weeklyRestPairs(monday: IsoDate): [IsoDate, IsoDate][] {
  const out: [IsoDate, IsoDate][] = [];
  for (let i = -1; i < 7; i++) out.push([addDays(monday, i), addDays(monday, i + 1)]);
  return out;
}

/** Windows of 4 consecutive Sundays inside [from, to]. */
export function sundayWindows(from: IsoDate, to: IsoDate): IsoDate[][] {
  const sundays = eachDate(from, to).filter((d) => weekday(d) === 7);
  const out: IsoDate[][] = [];
  for (let i = 0; i + 4 <= sundays.length; i++) out.push(sundays.slice(i, i + 4));
  return out;
}

/** Windows of n consecutive full weeks inside [from, to] (as lists of Mondays). */
export function weekWindows(from: IsoDate, to: IsoDate, n: number): IsoDate[][] {
  const weeks = fullWeeks(from, to);
  const out: IsoDate[][] = [];
  for (let i = 0; i + n <= weeks.length; i++) out.push(weeks.slice(i, i + n));
  return out;
}

/** A working day of the contract: Monday to Friday, not a public holiday. */
export function isContractDay(date: IsoDate): boolean {
  return weekday(date) <= 5 && !holidayName(date);
}

/** Contract minutes owed over some dates: a fifth of the weekly hours per contract day not on leave. */
export function targetMinutes(p: Person, dates: IsoDate[], config: Config): number {
  const perDay = weeklyMinutes(p, config.rules) / 5;
  return Math.round(dates.filter((d) => isContractDay(d) && !absenceOn(p.id, d, config)).length * perDay);
}

/** Minutes credited for leave on contract days, so that a leave week does not distort the 12-week average. */
export function absenceCreditMinutes(p: Person, dates: IsoDate[], config: Config): number {
  const perDay = weeklyMinutes(p, config.rules) / 5;
  return Math.round(dates.filter((d) => isContractDay(d) && absenceOn(p.id, d, config)).length * perDay);
}

/** The cap of the rolling average for a person: the full-time cap in proportion to the contract. */
export function averageCapMinutes(p: Person, config: Config): number {
  return Math.round((config.rules.maxAverageWeeklyMinutes * weeklyMinutes(p, config.rules)) / config.rules.fullTimeWeeklyMinutes);
}

export function weekDates(monday: IsoDate): IsoDate[] {
  return eachDate(monday, addDays(monday, 6));
}
