import type { MilpBackend, SolveOptions, SolveResult } from './backend.js';
import { relativeGap } from './backend.js';
import type { LinearModel } from './lp.js';

export interface GuidedReport {
  /** Objective of the LP relaxation: a proven lower bound. */
  lpBound: number;
  /** Binaries the relaxation already set to 1, fixed in the restricted solve. */
  fixed: number;
  /** Binaries the relaxation leaves at 0 with a reduced cost too high for a plan that meets its bound, fixed at 0 there. */
  zeroed: number;
  /** How the answer was reached: the restricted solve met the LP bound, or the full model finished the job. */
  finish: 'restricted' | 'full';
}

/**
 * LP-guided MILP solve. The rota's relaxation is tight (its bound is usually the optimum) but branch and bound takes
 * long to find a plan that reaches it; a plan is found fast by fixing every binary the relaxation already sets to 1
 * (and, by their reduced costs, the binaries no plan meeting the LP bound can use at 0) and solving the rest, first with
 * the LP bound as a cutoff. When that plan meets the LP bound it is optimal, proven by the relaxation itself; otherwise
 * the restricted model's best plan starts the full model, solved with the time left. Nothing is claimed the bounds do
 * not show.
 */
export async function solveGuided(backend: MilpBackend, model: LinearModel, opts: SolveOptions): Promise<SolveResult & { guided?: GuidedReport }> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const relGap = opts.mipRelGap ?? 1e-4;
  const absGap = opts.mipAbsGap ?? 1e-6;
  if (!model.integer.some(Boolean) || model.names.length === 0) return backend.solve(model, opts);

  const lp = await backend.solve({ ...model, integer: model.integer.map(() => false) }, { timeLimitSeconds: opts.timeLimitSeconds });
  if (lp.status === 'infeasible') return { ...lp, seconds: elapsed() };
  if (lp.status !== 'optimal') return { ...(await backend.solve(model, { ...opts, timeLimitSeconds: Math.max(1, opts.timeLimitSeconds - elapsed()) })), seconds: elapsed() };
  const lpBound = lp.objective;

  const { model: restrictedModel, fixed, zeroed, cutoff } = restrictByRelaxation(model, lp, relGap, absGap);
  const proven = (objective: number) => objective - lpBound <= proofTolerance(objective, relGap, absGap);
  // The restricted model is small: when the relaxation is tight it meets the bound in seconds; when it is not, its
  // best plan is still a good start for the full model. A first try gets a quarter of the budget (8 s at most); if it
  // is not proven but its own bound shows it can still reach the LP bound, it goes on from its best plan until half
  // the budget; otherwise the full model gets the rest of the time.
  const firstTry = Math.max(1, Math.min(8, opts.timeLimitSeconds / 4));
  // First only plans that meet the LP bound (a cutoff): HiGHS prunes every node that cannot, and when the restricted
  // model holds none it says so within a second (September and May 2027 with history: 0.2–0.5 s), so the try costs
  // little where the relaxation is not tight.
  if (cutoff !== undefined) {
    const tight = await backend.solve(restrictedModel, { ...opts, timeLimitSeconds: firstTry, cutoff });
    if ((tight.status === 'optimal' || tight.status === 'feasible') && proven(tight.objective))
      return { ...tight, status: 'optimal', bound: Math.min(lpBound, tight.objective), gap: relativeGap(tight.objective, lpBound), seconds: elapsed(), guided: { lpBound, fixed, zeroed, finish: 'restricted' } };
  }
  let restricted = await backend.solve(restrictedModel, { ...opts, timeLimitSeconds: Math.max(1, Math.min(firstTry, opts.timeLimitSeconds / 2 - elapsed())) });
  const found = restricted.status === 'optimal' || restricted.status === 'feasible';
  const reachable = (r: SolveResult) => r.status === 'feasible' && r.bound <= lpBound + proofTolerance(lpBound, relGap, absGap);
  if (found && !proven(restricted.objective) && reachable(restricted) && opts.timeLimitSeconds / 2 - elapsed() >= 1) {
    const more = await backend.solve(restrictedModel, { ...opts, timeLimitSeconds: opts.timeLimitSeconds / 2 - elapsed(), start: restricted.values });
    if ((more.status === 'optimal' || more.status === 'feasible') && more.objective <= restricted.objective) restricted = more;
  }
  if (found && proven(restricted.objective))
    return { ...restricted, status: 'optimal', bound: Math.min(lpBound, restricted.objective), gap: relativeGap(restricted.objective, lpBound), seconds: elapsed(), guided: { lpBound, fixed, zeroed, finish: 'restricted' } };

  const left = Math.max(1, opts.timeLimitSeconds - elapsed());
  const full = await backend.solve(model, { ...opts, timeLimitSeconds: left, start: found ? restricted.values : opts.start });
  const guided: GuidedReport = { lpBound, fixed, zeroed, finish: 'full' };
  if (full.status === 'optimal' || full.status === 'feasible') {
    const best = found && restricted.objective < full.objective ? restricted : full;
    const bound = Math.min(best.objective, Math.max(lpBound, Number.isFinite(full.bound) ? full.bound : lpBound));
    return { ...best, status: full.status === 'optimal' || proven(best.objective) ? 'optimal' : 'feasible', bound, gap: relativeGap(best.objective, bound), seconds: elapsed(), guided };
  }
  if (found) return { ...restricted, status: 'feasible', bound: Math.min(lpBound, restricted.objective), gap: relativeGap(restricted.objective, lpBound), seconds: elapsed(), guided };
  return { ...full, seconds: elapsed(), guided };
}

/** How far above a bound an objective at `value` may be and still count as proven (the MIP gaps' tolerance). */
function proofTolerance(value: number, relGap: number, absGap: number): number {
  return Math.max(absGap, relGap * Math.max(Math.abs(value), 1));
}

/**
 * The model restricted by its relaxation's optimum `lp`: every binary the relaxation sets to 1 fixed at 1, and, with
 * the LP's row duals, every binary it leaves at 0 whose reduced cost exceeds a proof's tolerance fixed at 0 (such a
 * binary is 0 in every plan that meets the LP bound: January 2027's restricted solve took 2.6–24 s over ten HiGHS seeds,
 * 0.8–6 s with these zeros). `cutoff` (with the duals): the objective a plan must reach to be proven by the relaxation.
 */
export function restrictByRelaxation(model: LinearModel, lp: SolveResult, relGap: number, absGap: number): { model: LinearModel; fixed: number; zeroed: number; cutoff?: number } {
  const lower = [...model.lower];
  const upper = [...model.upper];
  let fixed = 0;
  let zeroed = 0;
  for (let i = 0; i < model.names.length; i++)
    if (model.integer[i] && model.upper[i] === 1 && lower[i] === 0 && lp.values[i] > 1 - 1e-6) {
      lower[i] = 1;
      fixed++;
    }
  const tolerance = proofTolerance(lp.objective, relGap, absGap);
  if (lp.duals) {
    const reduced = Float64Array.from(model.cost);
    model.rows.forEach((row, i) => {
      for (const [j, a] of row.terms) reduced[j] -= a * lp.duals![i];
    });
    for (let i = 0; i < model.names.length; i++)
      if (model.integer[i] && lower[i] === 0 && upper[i] > 0 && lp.values[i] < 1e-6 && reduced[i] > 1.01 * tolerance + 1e-9) {
        upper[i] = 0;
        zeroed++;
      }
  }
  return { model: { ...model, lower, upper }, fixed, zeroed, ...(lp.duals ? { cutoff: lp.objective + tolerance } : {}) };
}
