import type { Config, Person } from '../src/domain/config.js';
import { absenceOn, dayType, openingWindow, relayWindowsOn } from '../src/domain/calendar.js';
import { dayOptions, personMeetings, type DayOption } from '../src/domain/day-options.js';
import { holidayName } from '../src/domain/holidays.js';
import {
  absenceCreditMinutes,
  averageCapMinutes,
  fullWeeks,
  sundayWindows,
  targetMinutes,
  touchedWeeks,
  weekDates,
  weeklyRestPairs,
  weekWindows,
} from '../src/domain/periods.js';
import { addDays, eachDate, subtract, weekday, type Interval, type IsoDate } from '../src/domain/time.js';
import { restBetween } from '../src/domain/worktime.js';
import { ModelBuilder, type Terms } from './lp.js';

/** What the permanence model needs: plain data, no I/O. */
export interface RotaProblem {
  config: Config;
  /** Days whose options are decided. */
  from: IsoDate;
  to: IsoDate;
  /** Start of the period over which hours balance and fairness are counted (with history), e.g. 1 January. */
  periodStart: IsoDate;
  /** Days already decided before `from`: key "person|date" → option worked (absent key = not worked). */
  history: Map<string, DayOption>;
  /** Options that must stay as they are (locked, or the past in a replanning). */
  locked: Map<string, DayOption>;
  /** The published plan, to change as little as possible: key → option id, or null for a day off. */
  previous?: Map<string, string | null>;
  /**
   * People who are a decision (staffing what-ifs): person id → cost of keeping them. Someone not kept works no day of
   * the window; everyone else is on the team as usual.
   */
  optional?: Map<string, number>;
  /** This window ends a period of a quarter or more: the weekend counts are levelled more tightly (see fairness). */
  closesPeriod?: boolean;
}

export interface BuiltModel {
  builder: ModelBuilder;
  /** x variable → its option. */
  optionVars: { v: number; option: DayOption }[];
  /** Coverage slack variables with the window they leave open. */
  coverSlack: { v: number; date: IsoDate; window: Interval }[];
  doublureSlack: { v: number; date: IsoDate }[];
  /** Opening time that no option of anyone can cover (a configuration matter, not a choice). */
  structuralGaps: { date: IsoDate; window: Interval }[];
  dates: IsoDate[];
  /** The keep-or-not variable of each optional person. */
  optionalVars: { personId: string; v: number }[];
}

export const key = (personId: string, date: IsoDate) => `${personId}|${date}`;

type Expr = { terms: Terms; constant: number };

/** Fairness counters, per option; weekends are counted separately (a weekend worked, one or both days). */
const FAIRNESS: { name: string; of: (o: DayOption) => number }[] = [
  { name: 'dimanches', of: (o) => (weekday(o.date) === 7 && o.kind !== 'reunions' ? 1 : 0) },
  { name: 'soirees', of: (o) => (o.evening ? 1 : 0) },
  { name: 'doublures', of: (o) => (o.doublure ? 1 : 0) },
  { name: 'feries', of: (o) => (holidayName(o.date) && o.cover.length > 0 ? 1 : 0) },
];

export function buildRotaModel(p: RotaProblem): BuiltModel {
  const { config } = p;
  const rules = config.rules;
  const w = config.weights;
  const b = new ModelBuilder();
  const dates = eachDate(p.from, p.to);
  const inWindow = (d: IsoDate) => d >= p.from && d <= p.to;
  const people = config.people.filter((x) => x.planned);
  const optionVars: BuiltModel['optionVars'] = [];
  const opts = new Map<string, { v: number; option: DayOption }[]>();
  const optionalVars: BuiltModel['optionalVars'] = [];

  // One option at most per person-day (none unless kept, for an optional person); leave means none; locked days fixed.
  for (const person of people) {
    const cost = p.optional?.get(person.id);
    const kept = cost === undefined ? undefined : b.binary(`keep_${person.id}`, cost, 'effectif');
    if (kept !== undefined) optionalVars.push({ personId: person.id, v: kept });
    for (const date of dates) {
      const k = key(person.id, date);
      const locked = p.locked.get(k);
      const list = absenceOn(person.id, date, config) ? [] : locked ? [locked] : dayOptions(person, date, config);
      // A small cost per permanence minute: no second worker on a shift that one already holds, unless it helps.
      const permanenceCost = (o: DayOption) => (config.weights.permanenceSpread * o.cover.reduce((s, c) => s + c.end - c.start, 0)) / 600;
      // Weekends and public holidays alike: a day of permanence there is a burden the rota only asks when needed.
      const weekend = weekday(date) >= 6 || !!holidayName(date);
      const dayCost = (o: DayOption) => permanenceCost(o) + (o.evening ? config.weights.eveningDuty : 0) + (weekend && (o.cover.length > 0 || o.doublure) ? config.weights.weekendDuty / 2 : 0);
      const vars = list.map((option) => ({ v: b.binary(`x_${person.id}_${date}_${option.id}`, dayCost(option), 'permanence'), option }));
      if (locked) b.fix(vars[0].v, 1);
      opts.set(k, vars);
      optionVars.push(...vars);
      if (kept !== undefined) {
        if (vars.length > 0) b.le(`one_${k}`, [...vars.map((x) => [x.v, 1] as [number, number]), [kept, -1]], 0);
      } else if (vars.length > 1) b.le(`one_${k}`, vars.map((x) => [x.v, 1]), 1);
    }
  }

  const expr = (personId: string, date: IsoDate, f: (o: DayOption) => number): Expr => {
    if (inWindow(date)) return { terms: (opts.get(key(personId, date)) ?? []).map((x) => [x.v, f(x.option)] as [number, number]).filter(([, c]) => c !== 0), constant: 0 };
    const h = p.history.get(key(personId, date));
    return { terms: [], constant: h ? f(h) : 0 };
  };
  const sum = (es: Expr[]): Expr => ({ terms: es.flatMap((e) => e.terms), constant: es.reduce((s, e) => s + e.constant, 0) });
  const works = () => 1;
  const minutes = (o: DayOption) => o.work.minutes;
  /** Σ expr ≤ ub, unless nothing in it is still to be decided. */
  const atMost = (name: string, e: Expr, ub: number) => {
    if (e.terms.length === 0) return;
    b.le(name, e.terms, ub - e.constant);
  };

  const coverSlack = coverage(p, b, opts);
  const doublureSlack = doublure(p, b, opts);

  for (const person of people) {
    dailyRest(p, b, opts, person);
    for (const date of dates) {
      const start = addDays(date, -rules.maxConsecutiveDays);
      atMost(`consec_${person.id}_${date}`, sum(eachDate(start, date).map((d) => expr(person.id, d, works))), rules.maxConsecutiveDays);
    }
    for (const monday of touchedWeeks(p.from, p.to))
      atMost(`week_${person.id}_${monday}`, sum(weekDates(monday).map((d) => expr(person.id, d, minutes))), rules.maxWeeklyMinutes);
    weeklyRest(p, b, person, expr, sum);
    // Windows reaching past the horizon are constrained now, their unknown days counted as 0: a later window either
    // decides those days itself or they are leave; otherwise a window could end in a month that cannot change it.
    for (const sundays of sundayWindows(p.periodStart, addDays(p.to, 28)))
      if (sundays.some(inWindow)) atMost(`sundays_${person.id}_${sundays[0]}`, sum(sundays.map((d) => expr(person.id, d, works))), 4 - rules.minSundaysOffPer4Weeks);
    const cap = averageCapMinutes(person, config) * rules.averageWindowWeeks;
    for (const weeks of weekWindows(p.periodStart, addDays(p.to, 7 * rules.averageWindowWeeks), rules.averageWindowWeeks)) {
      const ds = weeks.flatMap(weekDates);
      if (!ds.some(inWindow)) continue;
      atMost(`avg_${person.id}_${weeks[0]}`, sum(ds.map((d) => expr(person.id, d, minutes))), cap - absenceCreditMinutes(person, ds, config));
    }
    // Soft: the running balance of contract hours over the period.
    const period = eachDate(p.periodStart, p.to);
    const worked = sum(period.map((d) => expr(person.id, d, minutes)));
    b.absDeviation(`hours_${person.id}`, worked.terms, targetMinutes(person, period, config) - worked.constant, w.contractHour / 60, 'heures', w.contractToleranceMinutes);
    meetings(p, b, opts, person);
    stabilityAndWishes(p, b, opts, person);
  }
  fairness(p, b, people.filter((x) => x.onRota), expr, sum);

  const structuralGaps = coverSlack.structural;
  return { builder: b, optionVars, coverSlack: coverSlack.slack, doublureSlack, structuralGaps, dates, optionalVars };
}

type Opts = Map<string, { v: number; option: DayOption }[]>;

/** Required opening time: opening hours minus the configured meeting relays. */
export function requiredWindows(date: IsoDate, config: Config): Interval[] {
  return subtract([openingWindow(date, config)], relayWindowsOn(date, config).filter((r) => r.kind === 'reunion'));
}

/** Hard coverage of every minute of the opening hours, with a costly slack per elementary window. */
function coverage(p: RotaProblem, b: ModelBuilder, opts: Opts) {
  const slack: BuiltModel['coverSlack'] = [];
  const structural: BuiltModel['structuralGaps'] = [];
  for (const date of eachDate(p.from, p.to)) {
    const required = requiredWindows(date, p.config);
    const all = p.config.people.flatMap((x) => opts.get(key(x.id, date)) ?? []).filter((x) => x.option.cover.length > 0);
    const cuts = new Set<number>();
    for (const r of required) cuts.add(r.start).add(r.end);
    for (const x of all) for (const c of x.option.cover) cuts.add(c.start).add(c.end);
    const points = [...cuts].sort((a, c) => a - c);
    for (let i = 1; i < points.length; i++) {
      const seg = { start: points[i - 1], end: points[i] };
      if (!required.some((r) => r.start <= seg.start && seg.end <= r.end)) continue;
      const covering = all.filter((x) => x.option.cover.some((c) => c.start <= seg.start && seg.end <= c.end));
      if (covering.length === 0) {
        structural.push({ date, window: seg });
        continue;
      }
      const u = b.addVar(`uncov_${date}_${seg.start}`, { lb: 0, ub: 1, cost: p.config.weights.uncoveredMinute * (seg.end - seg.start), tag: 'couverture' });
      b.ge(`cover_${date}_${seg.start}`, [...covering.map((x) => [x.v, 1] as [number, number]), [u, 1]], 1);
      slack.push({ v: u, date, window: seg });
    }
  }
  return { slack, structural };
}

function doublure(p: RotaProblem, b: ModelBuilder, opts: Opts): BuiltModel['doublureSlack'] {
  const out: BuiltModel['doublureSlack'] = [];
  for (const date of eachDate(p.from, p.to)) {
    const required = p.config.doublure[dayType(date, p.config)];
    if (!required) continue;
    const vars = p.config.people.flatMap((x) => opts.get(key(x.id, date)) ?? []).filter((x) => x.option.doublure);
    const v = b.addVar(`nodoublure_${date}`, { lb: 0, ub: required, cost: p.config.weights.missingDoublure, tag: 'doublure' });
    b.ge(`doublure_${date}`, [...vars.map((x) => [x.v, 1] as [number, number]), [v, 1]], required);
    out.push({ v, date });
  }
  return out;
}

/** 11 h between the end of one day's work and the start of the next, on instants. */
function dailyRest(p: RotaProblem, b: ModelBuilder, opts: Opts, person: Person) {
  const min = p.config.rules.minDailyRestMinutes;
  for (const date of eachDate(p.from, p.to)) {
    const prev = addDays(date, -1);
    const today = opts.get(key(person.id, date)) ?? [];
    if (prev < p.from) {
      const h = p.history.get(key(person.id, prev));
      if (!h) continue;
      for (const x of today) if (restBetween(h.work, x.option.work) < min && !p.locked.has(key(person.id, date))) b.fix(x.v, 0);
      continue;
    }
    const yesterday = opts.get(key(person.id, prev)) ?? [];
    for (const y of yesterday) {
      const clash = today.filter((x) => restBetween(y.option.work, x.option.work) < min);
      if (clash.length === 0) continue;
      if (p.locked.has(key(person.id, prev)) && p.locked.has(key(person.id, date))) continue;
      b.le(`rest_${person.id}_${date}_${y.option.id}`, [[y.v, 1], ...clash.map((x) => [x.v, 1] as [number, number])], 1);
    }
  }
}

/** Two days off a week, two of them in a row; on an irregular rhythm 5 days off in any two weeks. */
function weeklyRest(p: RotaProblem, b: ModelBuilder, person: Person, expr: (id: string, d: IsoDate, f: (o: DayOption) => number) => Expr, sum: (es: Expr[]) => Expr) {
  const rules = p.config.rules;
  const known = (d: IsoDate) => d >= p.periodStart && d <= p.to;
  // The week before the window too: its Sunday–Monday pair may rest on the window's first day.
  const weeks = fullWeeks(p.periodStart, p.to).filter((m) => weeklyRestPairs(m).some(([, c]) => c >= p.from));
  for (const monday of weeks) {
    const days = weekDates(monday).map((d) => expr(person.id, d, () => 1));
    const worked = sum(days);
    if (worked.terms.length > 0) b.le(`wrest_${person.id}_${monday}`, worked.terms, 7 - rules.weeklyRestDays - worked.constant);
    if (!rules.weeklyRestConsecutive) continue;
    const pairs = weeklyRestPairs(monday).filter(([a, c]) => known(a) && known(c));
    const zs: Terms = [];
    let satisfied = false;
    for (const [a, c] of pairs) {
      const ea = expr(person.id, a, () => 1);
      const ec = expr(person.id, c, () => 1);
      if (ea.constant > 0 || ec.constant > 0) continue;
      if (ea.terms.length === 0 && ec.terms.length === 0) {
        satisfied = true;
        break;
      }
      // Continuous is exact here: with whole shift variables, z ≤ 1 − work leaves z ≤ 0 or z ≤ 1.
      const z = b.addVar(`pair_${person.id}_${a}`, { lb: 0, ub: 1 });
      if (ea.terms.length) b.le(`pa_${person.id}_${a}`, [[z, 1], ...ea.terms], 1);
      if (ec.terms.length) b.le(`pc_${person.id}_${a}`, [[z, 1], ...ec.terms], 1);
      zs.push([z, 1]);
    }
    if (!satisfied) b.ge(`pairs_${person.id}_${monday}`, zs, 1);
    if (person.irregularRhythm) {
      const prevMonday = addDays(monday, -7);
      if (prevMonday >= p.periodStart) {
        const two = sum([...weekDates(prevMonday), ...weekDates(monday)].map((d) => expr(person.id, d, () => 1)));
        if (two.terms.length) b.le(`wrest2_${person.id}_${monday}`, two.terms, 14 - (2 * rules.weeklyRestDays + 1) - two.constant);
      }
    }
  }
}

/** Each member missing a meeting costs; a day off misses them all. */
function meetings(p: RotaProblem, b: ModelBuilder, opts: Opts, person: Person) {
  const cost = p.config.weights.missedMeeting;
  for (const date of eachDate(p.from, p.to)) {
    const vars = opts.get(key(person.id, date)) ?? [];
    if (vars.length === 0) continue;
    const n = personMeetings(person, date, p.config).length;
    if (n === 0) continue;
    b.addOffset(n * cost, 'reunions');
    for (const x of vars) b.addCost(x.v, (x.option.missed.length - n) * cost);
    for (const x of vars) if (!b.m.tags[x.v]) b.m.tags[x.v] = 'reunions';
  }
}

function stabilityAndWishes(p: RotaProblem, b: ModelBuilder, opts: Opts, person: Person) {
  const w = p.config.weights;
  for (const date of eachDate(p.from, p.to)) {
    const vars = opts.get(key(person.id, date)) ?? [];
    const k = key(person.id, date);
    if (p.previous?.has(k) && vars.length > 0) {
      const prev = p.previous.get(k);
      // A change costs the same whichever way: leaving the published option, or working on a published day off.
      if (prev === null) for (const x of vars) b.addCost(x.v, w.stabilityChange);
      else {
        b.addOffset(w.stabilityChange, 'stabilite');
        for (const x of vars) if (x.option.id === prev) b.addCost(x.v, -w.stabilityChange);
      }
    }
    for (const wish of p.config.wishes.filter((x) => x.personId === person.id && x.date === date)) {
      if (wish.kind === 'off') for (const x of vars) b.addCost(x.v, w.wish);
      else {
        b.addOffset(w.wish, 'souhaits');
        for (const x of vars) if (x.option.id === wish.templateId) b.addCost(x.v, -w.wish);
      }
    }
  }
}

/**
 * Weekends, Sundays, evenings, doublures and public holidays shared in proportion to FTE and presence, over the
 * whole period (history counted): the L1 deviation from the fair share beyond a tolerance band.
 */
function fairness(p: RotaProblem, b: ModelBuilder, rota: Person[], expr: (id: string, d: IsoDate, f: (o: DayOption) => number) => Expr, sum: (es: Expr[]) => Expr) {
  if (rota.length < 2) return;
  const period = eachDate(p.periodStart, p.to);
  const weight = (x: Person) => x.fte * (period.filter((d) => !absenceOn(x.id, d, p.config)).length / period.length);
  const total = rota.reduce((s, x) => s + weight(x), 0);
  if (total === 0) return;
  const counts = new Map<string, Expr[]>(FAIRNESS.map((f) => [f.name, rota.map((x) => sum(period.map((d) => expr(x.id, d, f.of))))]));
  counts.set('weekends', rota.map((x) => weekends(p, b, x, period, expr)));
  for (const [name, exprs] of counts) {
    const all = sum(exprs);
    if (all.terms.length === 0) continue;
    // One total variable keeps each person's row sparse (their own count and the total), not a copy of everyone's.
    const totalVar = b.addVar(`fair_${name}_total`, { lb: 0 });
    b.eq(`fair_${name}_totaldef`, [[totalVar, 1], ...all.terms.map(([v, c]) => [v, -c] as [number, number])], 0);
    rota.forEach((x, i) => {
      const share = weight(x) / total;
      const terms: Terms = [...exprs[i].terms, [totalVar, -share]];
      const target = share * all.constant - exprs[i].constant;
      b.absDeviation(`fair_${name}_${x.id}`, terms, target, p.config.weights.fairness / Math.max(x.fte, 0.1), 'equite', (name === 'weekends' ? p.config.weights.weekendTolerance : p.config.weights.fairnessTolerance) * x.fte);
      // At the close of a long period, a lighter cost beyond half a weekend per FTE inside the band: the counts end the
      // year within 1 of each other. Only there: on every window it makes months far slower to prove.
      if (name === 'weekends' && p.closesPeriod && p.config.weights.weekendSpread > 0 && p.config.weights.weekendTolerance > 0.5)
        b.absDeviation(`fair_${name}_inner_${x.id}`, terms, target, p.config.weights.weekendSpread / Math.max(x.fte, 0.1), 'equite', 0.5 * x.fte);
    });
  }
}

/** A weekend counts once whether one or both of its days are worked. */
function weekends(p: RotaProblem, b: ModelBuilder, x: Person, period: IsoDate[], expr: (id: string, d: IsoDate, f: (o: DayOption) => number) => Expr): Expr {
  const terms: Terms = [];
  let constant = 0;
  const permanenceOrDoublure = (o: DayOption) => (o.cover.length > 0 || o.doublure ? 1 : 0);
  for (const sat of period.filter((d) => weekday(d) === 6)) {
    const a = expr(x.id, sat, permanenceOrDoublure);
    const c = expr(x.id, addDays(sat, 1), permanenceOrDoublure);
    if (a.terms.length === 0 && c.terms.length === 0) {
      constant += a.constant > 0 || c.constant > 0 ? 1 : 0;
      continue;
    }
    // Continuous is exact: bounded below by each day worked and above by their sum, both whole.
    const wk = b.addVar(`wk_${x.id}_${sat}`, { lb: 0, ub: 1 });
    for (const e of [a, c]) {
      if (e.constant > 0) b.fix(wk, 1);
      if (e.terms.length) b.ge(`wkge_${x.id}_${sat}_${e === a ? 's' : 'd'}`, [[wk, 1], ...e.terms.map(([v, k]) => [v, -k] as [number, number])], 0);
    }
    b.le(`wkle_${x.id}_${sat}`, [[wk, 1], ...a.terms.map(([v, k]) => [v, -k] as [number, number]), ...c.terms.map(([v, k]) => [v, -k] as [number, number])], a.constant + c.constant);
    terms.push([wk, 1]);
  }
  return { terms, constant };
}
