import type { Config } from '../src/domain/config.js';
import { absenceOn } from '../src/domain/calendar.js';
import { holidayName } from '../src/domain/holidays.js';
import type { AstreinteTurn, Gap } from '../src/domain/rota.js';
import { addDays, eachDate, instantAt, isoInstant, localDate, parseTime, weekday, type IsoDate } from '../src/domain/time.js';
import type { MilpBackend, SolveResult } from './backend.js';
import { ModelBuilder } from './lp.js';

export interface TurnSlot {
  index: number;
  start: number;
  end: number;
  /** Calendar dates the turn touches, as the checker reads them. */
  dates: IsoDate[];
  holiday: boolean;
  christmas: boolean;
}

/** Turns of the rotation covering [from 00:00, to+1 00:00]: from the last turn start at or before it. */
export function astreinteSlots(config: Config, from: IsoDate, to: IsoDate): TurnSlot[] {
  const { turnWeekday, turnStart, turnDays } = config.astreinte;
  const tz = config.timezone;
  const startMin = parseTime(turnStart);
  let d = addDays(from, -((weekday(from) - turnWeekday + 7) % 7));
  if (instantAt(d, startMin, tz) > instantAt(from, 0, tz)) d = addDays(d, -turnDays);
  const end = instantAt(addDays(to, 1), 0, tz);
  const out: TurnSlot[] = [];
  for (let i = 0; instantAt(d, startMin, tz) < end; i++, d = addDays(d, turnDays)) {
    const s = instantAt(d, startMin, tz);
    const e = instantAt(addDays(d, turnDays), startMin, tz);
    const dates = eachDate(localDate(s, tz), localDate(e - 1, tz));
    out.push({
      index: i,
      start: s,
      end: e,
      dates,
      holiday: dates.slice(0, turnDays).some((x) => holidayName(x)),
      christmas: dates.some((x) => x.endsWith('-12-25') || x.endsWith('-01-01')),
    });
  }
  return out;
}

export interface AstreintePlan {
  turns: AstreinteTurn[];
  gaps: Gap[];
  counts: Record<string, { turns: number; holidayTurns: number; christmasTurns: number }>;
  solve: SolveResult;
}

/**
 * One cadre per turn, none two turns in a row, none on leave; numbers of turns, of holiday turns and of Christmas /
 * New Year turns as even as the leave allows, with the history of earlier years counted in.
 */
export async function planAstreinte(config: Config, from: IsoDate, to: IsoDate, backend: MilpBackend, timeLimitSeconds = 20): Promise<AstreintePlan> {
  const slots = astreinteSlots(config, from, to);
  const cadres = config.people.filter((p) => p.astreinte);
  if (cadres.length === 0) throw new Error('no astreinte cadre in the configuration');
  const b = new ModelBuilder();
  const a = cadres.map((c) => slots.map((s) => (s.dates.some((d) => absenceOn(c.id, d, config)) ? -1 : b.binary(`a_${c.id}_${s.index}`))));
  const gap = slots.map((s) => b.addVar(`gap_${s.index}`, { lb: 0, ub: 1, cost: 1e6 }));
  slots.forEach((s, k) => b.eq(`one_${k}`, [...cadres.flatMap((_, c) => (a[c][k] >= 0 ? [[a[c][k], 1] as [number, number]] : [])), [gap[k], 1]], 1));
  cadres.forEach((c, ci) => {
    for (let k = 1; k < slots.length; k++) if (a[ci][k] >= 0 && a[ci][k - 1] >= 0) b.le(`norepeat_${c.id}_${k}`, [[a[ci][k - 1], 1], [a[ci][k], 1]], 1);
    const yearly = Math.ceil((config.rules.astreinteMaxWeeksPerYear * slots.length) / 52);
    b.le(`max_${c.id}`, a[ci].filter((v) => v >= 0).map((v) => [v, 1]), yearly);
  });
  const spread = (name: string, weight: number, pick: (s: TurnSlot) => boolean, hist: (id: string) => number) => {
    const hi = b.addVar(`${name}_max`, { lb: -1e6, cost: weight });
    const lo = b.addVar(`${name}_min`, { lb: -1e6, cost: -weight });
    cadres.forEach((c, ci) => {
      const terms = slots.flatMap((s, k) => (pick(s) && a[ci][k] >= 0 ? [[a[ci][k], 1] as [number, number]] : []));
      b.ge(`${name}_hi_${c.id}`, [[hi, 1], ...terms.map(([v, x]) => [v, -x] as [number, number])], hist(c.id));
      b.le(`${name}_lo_${c.id}`, [[lo, 1], ...terms.map(([v, x]) => [v, -x] as [number, number])], hist(c.id));
    });
  };
  const h = (id: string) => config.astreinte.history[id] ?? { turns: 0, holidayTurns: 0, christmasTurns: 0 };
  spread('turns', 1000, () => true, (id) => h(id).turns);
  spread('holidays', 100, (s) => s.holiday, (id) => h(id).holidayTurns);
  spread('christmas', 100, (s) => s.christmas, (id) => h(id).christmasTurns);
  // Prefer turns well apart: a small cost for a cadre on call two turns out of three.
  cadres.forEach((c, ci) => {
    for (let k = 2; k < slots.length; k++) {
      if (a[ci][k] < 0 || a[ci][k - 2] < 0) continue;
      const close = b.addVar(`close_${c.id}_${k}`, { lb: 0, ub: 1, cost: 1 });
      b.le(`closedef_${c.id}_${k}`, [[a[ci][k - 2], 1], [a[ci][k], 1], [close, -1]], 1);
    }
  });
  const solve = await backend.solve(b.m, { timeLimitSeconds });
  if (solve.status !== 'optimal' && solve.status !== 'feasible') throw new Error(`astreinte: the solver found no plan (${solve.status}${solve.message ? `: ${solve.message}` : ''})`);
  const tz = config.timezone;
  const turns: AstreinteTurn[] = [];
  const gaps: Gap[] = [];
  const counts: AstreintePlan['counts'] = Object.fromEntries(cadres.map((c) => [c.id, { ...h(c.id) }]));
  slots.forEach((s, k) => {
    const ci = cadres.findIndex((_, i) => a[i][k] >= 0 && solve.values[a[i][k]] > 0.5);
    if (ci < 0) {
      gaps.push({ date: localDate(s.start, tz), kind: 'astreinte', start: isoInstant(s.start, tz), end: isoInstant(s.end, tz), minutes: s.end - s.start, reasons: cadres.map((c) => ({ personId: c.id, reason: 'en congé ou d’astreinte la semaine voisine' })) });
      return;
    }
    const c = cadres[ci];
    turns.push({ cadreId: c.id, start: isoInstant(s.start, tz), end: isoInstant(s.end, tz), label: `Astreinte cadre – ${c.name}` });
    counts[c.id].turns++;
    if (s.holiday) counts[c.id].holidayTurns++;
    if (s.christmas) counts[c.id].christmasTurns++;
  });
  return { turns, gaps, counts, solve };
}
