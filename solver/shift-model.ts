import type { MilpBackend, SolveResult } from './backend.js';
import { ModelBuilder, type LinearModel, type Terms } from './lp.js';

/**
 * A general shift-assignment problem: each worker works one shift type or has a day off each day. Hard: successions,
 * per-type maxima, total minutes, consecutive work and rest runs (runs touching the horizon's ends exempt from the
 * minimums), weekends, unavailable days. Soft: cover per day and type (under/over weights) and weighted preferences.
 */
export interface ShiftProblem {
  days: number;
  /** ISO weekday of day 0 (1 = Monday), for weekends. */
  firstWeekday: number;
  shiftTypes: { id: string; minutes: number; cannotFollow: string[] }[];
  workers: {
    id: string;
    maxByType: Record<string, number>;
    minMinutes: number;
    maxMinutes: number;
    maxConsecutive: number;
    minConsecutive: number;
    minConsecutiveOff: number;
    maxWeekends: number;
    unavailable: number[];
  }[];
  cover: { day: number; type: string; requirement: number; underWeight: number; overWeight: number }[];
  /** want: working that type that day is asked for (a cost when not); otherwise asked not to (a cost when worked). */
  preferences: { worker: string; day: number; type: string; weight: number; want: boolean }[];
}

export interface ShiftSolution {
  assignment: (string | null)[][];
  solve: SolveResult;
}

export interface BuiltShiftModel {
  model: LinearModel;
  /** x[w][d][t] = variable index, or −1 where the type cannot be worked. */
  x: number[][][];
  /** The roster a solution's values give. */
  assignmentOf(values: ArrayLike<number>): (string | null)[][];
  /** The shift variables a roster sets (its inverse; auxiliaries left at 0). */
  valuesOf(assignment: (string | null)[][]): Float64Array;
}

export async function solveShiftProblem(p: ShiftProblem, backend: MilpBackend, timeLimitSeconds: number, start?: ArrayLike<number>): Promise<ShiftSolution> {
  const built = buildShiftModel(p);
  const solve = await backend.solve(built.model, { timeLimitSeconds, mipRelGap: 1e-6, start });
  return { assignment: built.assignmentOf(solve.values), solve };
}

/**
 * A lower bound on the problem rounded up to a whole number when every weight is whole (then so is every roster's
 * cost), less a margin for the LP's tolerances; as it is otherwise.
 */
export function boundRounder(p: ShiftProblem): (bound: number) => number {
  const isWhole = (v: number) => Math.abs(v - Math.round(v)) < 1e-9;
  const whole = p.cover.every((c) => isWhole(c.underWeight) && isWhole(c.overWeight)) && p.preferences.every((x) => isWhole(x.weight));
  return (v) => (whole && Number.isFinite(v) ? Math.ceil(v - 1e-3) : v);
}

export function buildShiftModel(p: ShiftProblem): BuiltShiftModel {
  const b = new ModelBuilder();
  const h = p.days;
  const types = p.shiftTypes;
  // x[w][d][t] = variable index, or -1 where the type cannot be worked (unavailable day, maximum 0).
  const x = p.workers.map((w) => Array.from({ length: h }, (_, d) => types.map((t) => (w.unavailable.includes(d) || (w.maxByType[t.id] ?? Infinity) === 0 ? -1 : b.binary(`x_${w.id}_${d}_${t.id}`)))));
  const vars = (ts: number[]): Terms => ts.filter((v) => v >= 0).map((v) => [v, 1]);
  const work = (wi: number, d: number): Terms => vars(x[wi][d]);
  p.workers.forEach((w, wi) => {
    for (let d = 0; d < h; d++) if (work(wi, d).length > 1) b.le(`one_${w.id}_${d}`, work(wi, d), 1);
    types.forEach((t, ti) => {
      const max = w.maxByType[t.id];
      if (max !== undefined) b.le(`max_${w.id}_${t.id}`, vars(x[wi].map((day) => day[ti])), max);
      const banned = types.map((u, ui) => (t.cannotFollow.includes(u.id) ? ui : -1)).filter((ui) => ui >= 0);
      for (let d = 0; d + 1 < h && banned.length; d++) {
        if (x[wi][d][ti] < 0) continue;
        const next = vars(banned.map((ui) => x[wi][d + 1][ui]));
        if (next.length) b.le(`follow_${w.id}_${d}_${t.id}`, [[x[wi][d][ti], 1], ...next], 1);
      }
    });
    const minutes: Terms = [];
    for (let d = 0; d < h; d++) types.forEach((t, ti) => x[wi][d][ti] >= 0 && minutes.push([x[wi][d][ti], t.minutes]));
    b.addRow(`minutes_${w.id}`, minutes, w.minMinutes, w.maxMinutes);
    for (let d = 0; d + w.maxConsecutive < h; d++) {
      const window: Terms = [];
      for (let k = d; k <= d + w.maxConsecutive; k++) window.push(...work(wi, k));
      b.le(`maxrun_${w.id}_${d}`, window, w.maxConsecutive);
    }
    // No run of s < min working days strictly inside the horizon: −w[i−1] + Σ w[i..i+s−1] − w[i+s] ≤ s − 1.
    for (let s = 1; s < w.minConsecutive; s++)
      for (let i = 1; i + s < h; i++) {
        const terms: Terms = [...work(wi, i - 1).map(([v]) => [v, -1] as [number, number]), ...work(wi, i + s).map(([v]) => [v, -1] as [number, number])];
        for (let k = i; k < i + s; k++) terms.push(...work(wi, k));
        b.le(`minrun_${w.id}_${s}_${i}`, terms, s - 1);
      }
    // No run of s < min days off strictly inside: w[i−1] − Σ w[i..i+s−1] + w[i+s] ≤ 1.
    for (let s = 1; s < w.minConsecutiveOff; s++)
      for (let i = 1; i + s < h; i++) {
        const terms: Terms = [...work(wi, i - 1), ...work(wi, i + s)];
        for (let k = i; k < i + s; k++) terms.push(...work(wi, k).map(([v]) => [v, -1] as [number, number]));
        b.le(`minoff_${w.id}_${s}_${i}`, terms, 1);
      }
    const weekends: Terms = [];
    for (let d = 0; d < h; d++) {
      const wd = ((p.firstWeekday - 1 + d) % 7) + 1;
      if (wd !== 6) continue;
      const days = [d, d + 1].filter((k) => k < h);
      const wk = b.addVar(`wk_${w.id}_${d}`, { lb: 0, ub: 1 });
      for (const k of days) for (const [v] of work(wi, k)) b.ge(`wk_${w.id}_${d}_${v}`, [[wk, 1], [v, -1]], 0);
      weekends.push([wk, 1]);
    }
    if (weekends.length) b.le(`weekends_${w.id}`, weekends, w.maxWeekends);
  });
  const wIndex = new Map(p.workers.map((w, i) => [w.id, i]));
  const tIndex = new Map(types.map((t, i) => [t.id, i]));
  for (const pref of p.preferences) {
    const v = x[wIndex.get(pref.worker)!][pref.day][tIndex.get(pref.type)!];
    if (pref.want) {
      b.addOffset(pref.weight, 'preferences');
      if (v >= 0) b.addCost(v, -pref.weight);
    } else if (v >= 0) b.addCost(v, pref.weight);
  }
  for (const c of p.cover) {
    const ti = tIndex.get(c.type)!;
    const under = b.addVar(`under_${c.day}_${c.type}`, { cost: c.underWeight, tag: 'cover' });
    const over = b.addVar(`over_${c.day}_${c.type}`, { cost: c.overWeight, tag: 'cover' });
    b.eq(`cover_${c.day}_${c.type}`, [...vars(p.workers.map((_, wi) => x[wi][c.day][ti])), [under, 1], [over, -1]], c.requirement);
  }
  const assignmentOf = (values: ArrayLike<number>) =>
    p.workers.map((_, wi) =>
      Array.from({ length: h }, (_, d) => {
        if (values.length === 0) return null;
        const ti = x[wi][d].findIndex((v) => v >= 0 && values[v] > 0.5);
        return ti >= 0 ? types[ti].id : null;
      }),
    );
  const valuesOf = (assignment: (string | null)[][]) => {
    const values = new Float64Array(b.m.names.length);
    assignment.forEach((row, wi) => row.forEach((type, d) => type !== null && (values[x[wi][d][tIndex.get(type)!]] = 1)));
    return values;
  };
  return { model: b.m, x, assignmentOf, valuesOf };
}
