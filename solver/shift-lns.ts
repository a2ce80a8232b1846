import type { MilpBackend, SolveResult } from './backend.js';
import { objectiveOf } from './lp.js';
import { buildShiftModel, type ShiftProblem, type ShiftSolution } from './shift-model.js';

export interface LnsReport {
  /** Objective after each phase: the whole model first, the construction, the neighbourhood search, the last whole solve. */
  phases: { name: string; objective: number; seconds: number }[];
  iterations: number;
  improvements: number;
}

/**
 * Large-neighbourhood search over the shift MILP. The whole model first (small instances end here, proven); then a
 * roster built worker by worker (each worker's rules are theirs alone, so each step is a small MILP against the cover
 * the others leave); then, until the time is nearly spent, a few workers, or every worker over a few days, are
 * re-solved with everything else fixed at the best roster; last, the whole model from that roster, for its bound.
 */
export async function solveShiftLns(p: ShiftProblem, backend: MilpBackend, timeLimitSeconds: number, opts: { seed?: number; wholeFirst?: boolean } = {}): Promise<ShiftSolution & { lns: LnsReport }> {
  const seed = opts.seed ?? 1;
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const left = () => timeLimitSeconds - elapsed();
  const built = buildShiftModel(p);
  const m = built.model;
  const lower = m.lower.slice();
  const upper = m.upper.slice();
  const workerVars = built.x.map((days) => days.flat().filter((v) => v >= 0));
  const n = p.workers.length;
  let rand = seed >>> 0 || 1;
  const random = () => ((rand = (rand * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const phases: LnsReport['phases'] = [];

  // 1. The whole model for a quarter of the time, 10 s at most (small instances are proven optimal here).
  const empty: SolveResult = { status: 'no-solution', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds: 0, backend: backend.name };
  let whole = opts.wholeFirst === false ? empty : await backend.solve(m, { timeLimitSeconds: Math.max(1, Math.min(10, timeLimitSeconds * 0.25)), mipRelGap: 1e-6 });
  let bestBound = Number.isFinite(whole.bound) ? whole.bound : -Infinity;
  if (opts.wholeFirst !== false) phases.push({ name: 'whole', objective: whole.values.length ? whole.objective : NaN, seconds: elapsed() });
  if (whole.status === 'optimal') return { assignment: built.assignmentOf(whole.values), solve: whole, lns: { phases, iterations: 0, improvements: 0 } };

  /** Re-solves the free workers (and days) with the rest fixed at `base`; the result, or null. */
  const subSolve = async (base: Float64Array, free: (v: number) => boolean, seconds: number): Promise<SolveResult | null> => {
    for (let w = 0; w < n; w++)
      for (const v of workerVars[w]) {
        const fixed = !free(v);
        m.lower[v] = fixed ? base[v] : lower[v];
        m.upper[v] = fixed ? base[v] : upper[v];
      }
    const r = await backend.solve(m, { timeLimitSeconds: Math.max(0.2, seconds), mipRelGap: 1e-4, start: base });
    for (let i = 0; i < lower.length; i++) {
      m.lower[i] = lower[i];
      m.upper[i] = upper[i];
    }
    return r.values.length ? r : null;
  };

  // 2. Worker by worker: each one's own problem against the cover the workers before them leave (their rules are
  // theirs alone), then the whole model's auxiliaries completed with every shift fixed.
  let best = new Float64Array(m.names.length);
  const ownVar = new Map<number, number>();
  workerVars.forEach((vs, w) => vs.forEach((v) => ownVar.set(v, w)));
  const covered = new Map<string, number>();
  const order = p.workers.map((_, i) => i).sort((a, b) => p.workers[b].minMinutes - p.workers[a].minMinutes);
  for (const w of order) {
    const worker = p.workers[w];
    const one: ShiftProblem = {
      ...p,
      workers: [worker],
      cover: p.cover.map((c) => ({ ...c, requirement: c.requirement - (covered.get(`${c.day}|${c.type}`) ?? 0) })),
      preferences: p.preferences.filter((x) => x.worker === worker.id),
    };
    const sub = buildShiftModel(one);
    const r = await backend.solve(sub.model, { timeLimitSeconds: Math.min(5, Math.max(0.5, left() / (2 * n))), mipRelGap: 1e-6 });
    if (!r.values.length) continue;
    sub.assignmentOf(r.values)[0].forEach((type, d) => {
      if (type === null) return;
      const ti = p.shiftTypes.findIndex((t) => t.id === type);
      best[built.x[w][d][ti]] = 1;
      covered.set(`${d}|${type}`, (covered.get(`${d}|${type}`) ?? 0) + 1);
    });
  }
  const completed = await subSolve(best, () => false, Math.max(1, Math.min(10, left() / 4)));
  let bestObjective = Infinity;
  if (completed) {
    best = Float64Array.from(completed.values);
    bestObjective = completed.objective;
  }
  if (whole.values.length && whole.objective < bestObjective) {
    best = Float64Array.from(whole.values);
    bestObjective = whole.objective;
  }
  if (!Number.isFinite(bestObjective)) return { assignment: built.assignmentOf(whole.values), solve: whole, lns: { phases, iterations: 0, improvements: 0 } };
  phases.push({ name: 'construction', objective: bestObjective, seconds: elapsed() });

  // 3. Neighbourhoods: k workers, or every worker over a window of days; sizes grow while sub-solves are easy.
  const dayOf = new Map<number, number>();
  built.x.forEach((days) => days.forEach((types, d) => types.forEach((v) => v >= 0 && dayOf.set(v, d))));
  let k = Math.min(n, Math.max(2, Math.round(n / 8)));
  let span = Math.min(p.days, 7);
  let iterations = 0;
  let improvements = 0;
  const reserve = timeLimitSeconds * 0.15;
  while (left() > reserve + 0.5) {
    iterations++;
    const byDays = iterations % 4 === 0;
    let free: (v: number) => boolean;
    if (byDays) {
      const from = Math.floor(random() * Math.max(1, p.days - span + 1));
      free = (v) => dayOf.get(v)! >= from && dayOf.get(v)! < from + span;
    } else {
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(Math.floor(random() * n));
      free = (v) => chosen.has(ownVar.get(v)!);
    }
    const budget = Math.min(1.5, left() - reserve);
    const r = await subSolve(best, free, budget);
    if (process.env.LNS_DEBUG) console.error(`lns ${iterations} ${byDays ? `days ${span}` : `k ${k}`} ${r?.status} ${r?.seconds.toFixed(2)} ${r?.objective} best ${bestObjective}`);
    // Equal rosters are taken too: moving sideways on a plateau lets the next neighbourhoods see other rosters.
    if (r && r.objective <= bestObjective + 1e-6) {
      if (r.objective < bestObjective - 1e-6) improvements++;
      best = Float64Array.from(r.values);
      bestObjective = Math.min(bestObjective, r.objective);
    }
    const easy = r?.status === 'optimal' && r.seconds < budget / 4;
    if (byDays) span = easy ? Math.min(p.days, span + 3) : Math.max(3, span - 2);
    else k = easy ? Math.min(n, k + 1) : Math.max(2, k - 1);
  }
  phases.push({ name: 'neighbourhoods', objective: bestObjective, seconds: elapsed() });

  // 4. The whole model from the best roster: a last chance to improve, and the bound.
  whole = await backend.solve(m, { timeLimitSeconds: Math.max(1, left()), mipRelGap: 1e-6, start: best });
  if (whole.values.length && whole.objective < bestObjective - 1e-6) {
    best = Float64Array.from(whole.values);
    bestObjective = whole.objective;
  }
  phases.push({ name: 'whole again', objective: bestObjective, seconds: elapsed() });
  if (Number.isFinite(whole.bound)) bestBound = Math.max(bestBound, whole.bound);
  const bound = Math.min(bestBound, bestObjective);
  const solve: SolveResult = {
    status: bound >= bestObjective - 1e-6 ? 'optimal' : 'feasible',
    objective: bestObjective,
    bound,
    gap: Math.max(0, bestObjective - bound) / Math.max(Math.abs(bestObjective), 1),
    values: best,
    seconds: elapsed(),
    backend: `${backend.name}+lns`,
  };
  return { assignment: built.assignmentOf(best), solve, lns: { phases, iterations, improvements } };
}
