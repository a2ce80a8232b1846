import type { IncrementalLp, MilpBackend } from './backend.js';
import { ModelBuilder } from './lp.js';
import { boundRounder, buildShiftModel, type ShiftProblem } from './shift-model.js';
import { cheapestRoster } from './shift-pricing.js';
import { ANY_CHOICE, choiceBit, forceDays, narrowRoster, pricingThread, type NarrowRequest, type PricingThread } from './pricing-thread.js';

export interface ColumnGenerationReport {
  iterations: number;
  columns: number;
  /** The restricted master's LP value at the end (the Dantzig–Wolfe relaxation's value once converged). */
  masterObjective: number;
  /** A proven lower bound on the problem: the master's LP value plus each worker's least reduced cost. */
  bound: number;
  converged: boolean;
  seconds: number;
}

export interface ColumnGenerationResult {
  /** The best roster of the integer master over the generated columns (null when none was found in time). */
  roster: (string | null)[][] | null;
  objective: number;
  report: ColumnGenerationReport;
  /** The columns generated, for recombining rosters later (null when the generation gave up before its first columns). */
  pool: ColumnPool | null;
}

export interface ColumnPool {
  /**
   * The integer master over every column kept, `start`'s rows added to them, solved from `start` (the dive's roster
   * when null) for `seconds`: a roster and its objective, or null when there is none.
   */
  recombine(start: (string | null)[][] | null, seconds: number): Promise<{ roster: (string | null)[][]; objective: number; status: string; seconds: number } | null>;
}

/**
 * Rounds the root's master must be able to run in its time: the masters measured settle or tail off in 50 (13 at its
 * 51st). Against 70, 13 gave up on a machine some 10–30 % slower (rounds of 2.0–2.6 s) and its run ended at 3,080,
 * where with the generation its runs end at 1,600–2,000.
 */
const ROUNDS_TO_SETTLE = 50;
/**
 * Dual smoothing: each round prices at this share of the last prices and the rest of the new ones (the new ones alone
 * when that prices no column out). Instance 13's master at its 42nd round: 1,374 with it, 1,428 without.
 */
const SMOOTHING = 0.5;
/** The root stops once its master has gained less than TAIL_SHARE of its value over TAIL_ROUNDS rounds, past half its time. */
const TAIL_ROUNDS = 5;
const TAIL_SHARE = 0.005;
/** Pricing rounds at most after each fixing of a dive. */
const DIVE_ROUNDS = 30;
/** The root's share of the budget, the dive has the rest. */
const ROOT_SHARE = 0.65;

/** One worker's roster over the horizon: the type index worked each day (−1 off), its own cost (preferences). */
interface Pattern {
  worker: number;
  days: Int8Array;
  cost: number;
}

/**
 * Column generation over the shift model (Dantzig–Wolfe by worker): every hard rule of the model is one worker's, so
 * a worker's feasible rosters are the columns, and only the cover ties the workers together. The master chooses one
 * roster per worker (LP, then whole), each worker's pricing is the shift model of that worker alone with the cover
 * rows' duals as costs. The master's LP with every worker's least reduced cost added is a lower bound on the whole
 * problem (the Lagrangian bound), much tighter than the compact model's relaxation on these instances; the integer
 * master over the columns generated is a roster (price and branch: good, not proven).
 */
export async function shiftColumnGeneration(
  p: ShiftProblem,
  backend: MilpBackend,
  opts: {
    timeLimitSeconds: number;
    integerSeconds?: number;
    /** Rosters whose rows start the master as columns (a construction's: the first duals are then those of a roster). */
    initial?: (string | null)[][][];
    /** Price half the workers of each narrow round on a thread of their own (a second core). */
    threads?: boolean;
  },
): Promise<ColumnGenerationResult> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const types = p.shiftTypes;
  const T = types.length;
  const pricer = opts.threads ? pricingThread(p) : null;
  const tIndex = new Map(types.map((t, i) => [t.id, i]));
  /** A roster's day (a type id, null off) as a column's day (the type's index, −1 off). */
  const tIndexOf = (id: string | null) => (id === null ? -1 : tIndex.get(id)!);
  const n = p.workers.length;
  // Cover rows: one per (day, type) with a requirement; coverRow[d][t] = its index, −1 where none.
  const coverRow = Array.from({ length: p.days }, () => new Int32Array(types.length).fill(-1));
  p.cover.forEach((c, i) => (coverRow[c.day][tIndex.get(c.type)!] = i));

  const pricing = p.workers.map((worker) => {
    const single = buildShiftModel({ ...p, workers: [worker], cover: [], preferences: p.preferences.filter((x) => x.worker === worker.id) });
    return { single, base: [...single.model.cost], milp: false };
  });
  /** A worker's roster as a column: its cost is their own (preferences), off the cover. */
  const column = (w: number, days: Int8Array): Pattern => {
    const { single, base } = pricing[w];
    let cost = single.model.offset;
    days.forEach((t, d) => t >= 0 && (cost += base[single.x[0][d][t]]));
    return { worker: w, days, cost };
  };
  const patterns: Pattern[] = [];
  /** Each worker's columns (indices into `patterns`). */
  const byWorker: number[][] = p.workers.map(() => []);
  /** Each column's index by its worker and days, so that a roster is kept once. */
  const indexOf = new Map<string, number>();
  const keyOf = (w: number, days: Int8Array) => `${w}:${days.join(',')}`;
  const add = (pt: Pattern) => {
    const k = keyOf(pt.worker, pt.days);
    if (indexOf.has(k)) return false;
    indexOf.set(k, patterns.length);
    byWorker[pt.worker].push(patterns.length);
    patterns.push(pt);
    return true;
  };
  // Workers whose roster a dive has fixed (its column index), −1 while free.
  const fixedCol = new Int32Array(n).fill(-1);
  /** A dive's choices left for single days: allowed[w × days + d] the set worker w may take on day d (see choiceBit). */
  const allowed = new Int32Array(n * p.days).fill(ANY_CHOICE);
  /** Bumped at each change of a worker's fixings (their column or days), for the kept LP to apply it once. */
  const fixVersion = new Int32Array(n);
  /** Whether column k agrees with its worker's fixings. */
  const compatible = (k: number) => {
    const pt = patterns[k];
    const w = pt.worker;
    if (fixedCol[w] >= 0) return fixedCol[w] === k;
    for (let d = 0, at = w * p.days; d < p.days; d++, at++) if ((allowed[at] & choiceBit(pt.days[d])) === 0) return false;
    return true;
  };
  /** Each cover row a column counts towards. */
  const eachCoverRow = (pt: Pattern, f: (row: number) => void) => pt.days.forEach((t, d) => t >= 0 && coverRow[d][t] >= 0 && f(coverRow[d][t]));
  /** The master over the first `count` columns (all by default): their λ first, then each cover row's shortfall and excess. */
  const master = (integer: boolean, count = patterns.length) => {
    const b = new ModelBuilder();
    const cols = patterns.slice(0, count);
    const lambda = cols.map((pt, k) => b.addVar(`l_${pt.worker}_${k}`, { lb: 0, ub: fixedCol[pt.worker] < 0 || fixedCol[pt.worker] === k ? 1 : 0, cost: pt.cost, integer }));
    const coverTerms: [number, number][][] = p.cover.map(() => []);
    cols.forEach((pt, k) => eachCoverRow(pt, (row) => coverTerms[row].push([lambda[k], 1])));
    p.cover.forEach((c, i) => {
      const under = b.addVar(`under_${i}`, { cost: c.underWeight });
      const over = b.addVar(`over_${i}`, { cost: c.overWeight });
      b.m.rows.push({ name: `cover_${i}`, terms: [...coverTerms[i], [under, 1], [over, -1]], lb: c.requirement, ub: c.requirement });
    });
    for (let w = 0; w < n; w++)
      b.m.rows.push({ name: `one_${w}`, terms: cols.flatMap((pt, k) => (pt.worker === w ? [[lambda[k], 1] as [number, number]] : [])), lb: 1, ub: 1 });
    return { model: b.m, lambda };
  };

  /**
   * The master's LP, kept between rounds where the backend can (HiGHS: each round from the last basis, where building
   * it afresh took 0.4–1.3 s a round on Instance 12 at 1,500–3,000 columns): the master over no column, the columns
   * appended after its cover shortfalls and excesses in their order; otherwise built afresh each round.
   */
  const C = p.cover.length;
  const kept: { lp: IncrementalLp | null } = { lp: null };
  /** The pattern of each LP column past the cover's shortfalls and excesses, in the LP's order. */
  let lpCols: number[] = [];
  /** Whether a pattern is a column of the LP. */
  const inLp: boolean[] = [];
  const applied = new Int32Array(n);
  const solveMaster = async (seconds: number) => {
    if (!backend.incrementalLp) return backend.solve(master(false).model, { timeLimitSeconds: seconds });
    kept.lp ??= await backend.incrementalLp(master(false, 0).model);
    const incremental = kept.lp;
    const open = (k: number) => (compatible(k) ? 1 : 0);
    // A fixed worker's other columns leave the LP (those out of the basis; the others are closed below, and leave at a
    // later round): on Instance 13 the dive's rounds took 1.5–2 s at 80 of 120 workers fixed, most columns closed.
    if (incremental.deleteColumns) {
      const closed: number[] = [];
      lpCols.forEach((k, j) => open(k) === 0 && closed.push(2 * C + j));
      const gone = new Set(incremental.deleteColumns(closed));
      if (gone.size > 0) {
        for (const j of gone) inLp[lpCols[j - 2 * C]] = false;
        lpCols = lpCols.filter((_, j) => !gone.has(2 * C + j));
      }
    }
    // New columns, and those of workers no longer fixed that had left.
    const fresh: number[] = [];
    for (let k = 0; k < patterns.length; k++) if (!inLp[k] && open(k) === 1) fresh.push(k);
    incremental.addColumns(
      fresh.map((k) => {
        const pt = patterns[k];
        const entries: [number, number][] = [[C + pt.worker, 1]];
        eachCoverRow(pt, (row) => entries.push([row, 1]));
        return { cost: pt.cost, lower: 0, upper: 1, entries };
      }),
    );
    for (const k of fresh) {
      inLp[k] = true;
      lpCols.push(k);
    }
    let position: Int32Array | null = null;
    for (let w = 0; w < n; w++) {
      if (applied[w] === fixVersion[w]) continue;
      if (!position) {
        position = new Int32Array(patterns.length).fill(-1);
        lpCols.forEach((k, j) => (position![k] = j));
      }
      for (const k of byWorker[w]) if (position[k] >= 0) incremental.setBounds(2 * C + position[k], 0, open(k));
      applied[w] = fixVersion[w];
    }
    const r = await incremental.solve({ timeLimitSeconds: seconds });
    if (!r.values.length) return r;
    const values = new Float64Array(patterns.length);
    lpCols.forEach((k, j) => (values[k] = r.values[2 * C + j]));
    return { ...r, values };
  };

  /** The objective of one column per worker: their own costs and the cover's shortfall and excess. */
  const coverCost = (chosen: number[]) => {
    const count = new Float64Array(p.cover.length);
    let total = 0;
    for (const k of chosen) {
      total += patterns[k].cost;
      eachCoverRow(patterns[k], (row) => count[row]++);
    }
    p.cover.forEach((c, i) => (total += count[i] < c.requirement ? (c.requirement - count[i]) * c.underWeight : (count[i] - c.requirement) * c.overWeight));
    return total;
  };

  let iterations = 0;
  let converged = false;
  let masterObjective = NaN;
  let bound = -Infinity;
  const NARROW = 200;
  /** A worker's day costs under `duals` (day × type, row by row): their own, less the cover row's dual (none: their own). */
  const dayCosts = (w: number, duals: Float64Array | null) => {
    const { single, base } = pricing[w];
    const costs = new Float64Array(p.days * T);
    for (let d = 0; d < p.days; d++)
      for (let t = 0; t < T; t++) {
        const v = single.x[0][d][t];
        costs[d * T + t] = v < 0 ? 0 : base[v] - (duals && coverRow[d][t] >= 0 ? duals[coverRow[d][t]] : 0);
      }
    return costs;
  };
  /** A worker's narrow pass under `duals` (none: their own costs, any roster will do). */
  const narrowRequest = (w: number, duals: Float64Array | null, beam: number): NarrowRequest =>
    forceDays({ worker: w, costs: dayCosts(w, duals), beam, below: duals ? duals[C + w] - pricing[w].single.model.offset - 1e-6 : Infinity }, allowed.subarray(w * p.days, (w + 1) * p.days), T);
  /** The narrow pass for every free worker, every other one on the pricing thread: the columns found, in worker order. */
  const priceNarrow = async (thread: PricingThread, duals: Float64Array, beam: number) => {
    const free = p.workers.map((_, w) => w).filter((w) => fixedCol[w] < 0);
    const remote = free.filter((_, i) => i % 2 === 1);
    const answer = thread.price(remote.map((w) => narrowRequest(w, duals, beam)));
    const found = new Map<number, Int8Array | null>();
    for (const w of free.filter((_, i) => i % 2 === 0)) found.set(w, narrowRoster(p, narrowRequest(w, duals, beam)));
    (await answer).forEach((days, i) => found.set(remote[i], days));
    let added = 0;
    for (const w of free) {
      const days = found.get(w);
      if (days && add(column(w, days))) added++;
    }
    return { added, reducedSum: -Infinity, exact: false };
  };
  /**
   * Prices every free worker: with `beam`, the programme's narrow pass alone (columns, no bound); otherwise exactly,
   * unless `deadline` passes first (then no bound either).
   */
  const priceAll = async (duals: Float64Array | null, beam?: number, deadline = Infinity) => {
    if (duals && beam !== undefined && pricer) return priceNarrow(pricer, duals, beam);
    const narrow = beam !== undefined;
    let added = 0;
    let reducedSum = 0;
    let exact = true;
    for (let w = 0; w < n; w++) {
      if ((duals === null && patterns.some((pt) => pt.worker === w)) || fixedCol[w] >= 0) continue;
      if (elapsed() > Math.min(deadline, opts.timeLimitSeconds)) return { added, reducedSum: -Infinity, exact: false };
      if (narrow) {
        const days = narrowRoster(p, narrowRequest(w, duals, beam));
        exact = false;
        if (days && add(column(w, days))) added++;
        continue;
      }
      const { single, base } = pricing[w];
      const mu = duals ? duals[p.cover.length + w] : 0;
      const costs = dayCosts(w, duals);
      const dayCost = (d: number, t: number) => costs[d * T + t];
      // The dynamic programme first (milliseconds), only for columns that price out; a worker whose states grow too many
      // is priced by the MILP from then on (the programme's narrow pass still offers a column meanwhile).
      if (!pricing[w].milp) {
        const roster = cheapestRoster(p, w, dayCost, { maxLabels: 20_000, below: duals ? mu - single.model.offset : Infinity });
        if (roster === undefined || (roster && !roster.exact)) {
          pricing[w].milp = true;
          exact = false;
        }
        if (roster === null) continue; // none prices out
        if (roster) {
          if (roster.exact) reducedSum += Math.min(0, roster.cost + single.model.offset - mu);
          if (add(column(w, roster.days))) added++;
          if (roster.exact) continue;
        }
      }
      const cost = [...base];
      single.x[0].forEach((vs, d) => vs.forEach((v, t) => v >= 0 && (cost[v] = dayCost(d, t))));
      const r = await backend.solve({ ...single.model, cost }, { timeLimitSeconds: Math.max(0.2, Math.min(5, opts.timeLimitSeconds - elapsed())), mipRelGap: 1e-9, mipAbsGap: 1e-7 });
      // Found or not, the MILP's bound is this worker's share of the Lagrangian bound (none for a worker with no
      // lawful roster); without one there is no bound: leaving the worker out would overstate it.
      const lower = r.status === 'infeasible' ? Infinity : Number.isFinite(r.bound) ? r.bound : -Infinity;
      reducedSum += Math.min(0, lower - mu);
      if (!r.values.length) {
        exact = false;
        continue;
      }
      const reduced = r.objective - mu;
      if (r.status !== 'optimal') exact = false;
      if (duals === null || reduced < -1e-6) {
        const days = new Int8Array(p.days).fill(-1);
        single.x[0].forEach((vs, d) => vs.forEach((v, t) => v >= 0 && r.values[v] > 0.5 && (days[d] = t)));
        if (add(column(w, days))) added++;
      }
    }
    return { added, reducedSum: narrow ? -Infinity : reducedSum, exact };
  };
  // Every worker needs a column for the master to be feasible: the initial rosters' rows, the narrow pass on their own
  // costs for those without one (any lawful roster will do), the exact one for those it finds none for. A master that
  // starts from a whole roster starts near it; from lone rosters it starts with the cover's shortfall, and its first
  // duals (the shortfall's weights) take many rounds to come down (Instance 13: 17 rounds of 6 s, still far off).
  for (const roster of opts.initial ?? []) roster.forEach((row, w) => add(column(w, Int8Array.from(row, tIndexOf))));
  await priceAll(null, 100);
  await priceAll(null);
  // The first columns alone took an eighth of the budget: the rounds would be as slow (see `tooSlow` below).
  if (patterns.length === 0 || new Set(patterns.map((pt) => pt.worker)).size < n || elapsed() > opts.timeLimitSeconds / 8) {
    void pricer?.close();
    return { roster: null, objective: NaN, report: { iterations, columns: patterns.length, masterObjective, bound, converged, seconds: elapsed() }, pool: null };
  }
  let tooSlow = false;
  let lastObjective = NaN;
  let lastDuals: Float64Array | null = null;
  /** A round's narrow pass priced no column out (the master is near its optimum even when the exact rounds go on). */
  let settled = false;
  /** The root stopped on its master's tailing off, not settled. */
  let tailedOff = false;
  /** An exact round ran out of time (or a worker's MILP gave no bound): no bound comes of another. */
  let exactCut = false;
  /**
   * Master LP and pricing until no column prices out (or the deadline): the last LP's column values. Each round prices
   * by the programme's narrow pass (200 states a day: columns in milliseconds, no bound); only when that finds none is
   * a round priced exactly, which gives the bound and proves convergence (Instance 8: the master at 1,379 in 12 s
   * this way where exact rounds, 3–10 s each, left it at 1,551 after 80 s). The dive (`root` false) prices narrowly
   * only.
   */
  const converge = async (deadline: number, root: boolean, maxIterations = Infinity) => {
    let last: Float64Array | null = null;
    let center: Float64Array | null = null;
    const history: number[] = [];
    settled = false;
    const convergeStart = elapsed();
    for (let i = 0; i < maxIterations && elapsed() < deadline; i++) {
      iterations++;
      const tm = elapsed();
      const lp = await solveMaster(Math.max(1, deadline - elapsed()));
      const tmaster = elapsed() - tm;
      if (lp.status !== 'optimal' || !lp.duals) break;
      last = lp.values;
      lastObjective = lp.objective;
      lastDuals = lp.duals;
      if (root) masterObjective = lp.objective;
      let duals = lp.duals;
      if (root && center) duals = center.map((c, k) => SMOOTHING * c + (1 - SMOOTHING) * lp.duals![k]);
      let priced = await priceAll(duals, NARROW);
      if (priced.added === 0 && duals !== lp.duals) priced = await priceAll(lp.duals, NARROW);
      if (root) center = duals;
      if (priced.added === 0) settled = true;
      history.push(lp.objective);
      // Tailing off past half the root's time: the dive from here loses little, and waiting could leave no time for it.
      const rounds = history.length;
      if (root && !settled && rounds > TAIL_ROUNDS && elapsed() - convergeStart > (deadline - convergeStart) / 2 && history[rounds - 1 - TAIL_ROUNDS] - lp.objective < TAIL_SHARE * Math.abs(lp.objective)) {
        settled = true;
        tailedOff = true;
        if (process.env.LNS_DEBUG) console.error(`[cg] tailing off at ${lp.objective.toFixed(2)}`);
        break;
      }
      if (priced.added === 0 && root) {
        // Settled again after an exact round that could not finish: another would cost as much, for no bound either.
        if (exactCut) break;
        const t = elapsed();
        // A fifth of the budget at most: the workers whose states pass the programme's limit are priced by the MILP, 5 s
        // each (Instance 15: 28 of its 45 workers, 86 s, for no bound). Those columns are worth some of it: the narrow
        // pass misses them (Instance 15, a worker at −182 exact, 0 by the narrow pass), and with that round whole, 15's
        // master settled at 4,172 against 4,366, and its run ended at 4,079 against 4,162 with a tenth.
        priced = await priceAll(lp.duals, undefined, Math.min(deadline, elapsed() + opts.timeLimitSeconds / 5));
        if (Number.isFinite(priced.reducedSum)) bound = Math.max(bound, masterObjective + priced.reducedSum);
        else exactCut = true;
        if (process.env.LNS_DEBUG) console.error(`[cg] exact pricing ${(elapsed() - t).toFixed(2)} s, ${pricing.filter((x) => x.milp).length} workers by MILP`);
      }
      // Too slow to be of use: when the rounds' pace so far (from the third) would not fit ROUNDS_TO_SETTLE in the root's
      // time the generation gives up, no roster, and the search has the time. Instances 8–12, 14, 15: 0.1–0.5 s a
      // round; 13 (120 workers): 1.4–2.6 s, its root tailing off at its 51st round (see the tail-off above). Checked
      // every round. Only while the master has not settled: a settled master dives, and its exact round (45 s on
      // Instance 15) is not a round's pace.
      if (root && i >= 2 && !settled && ((elapsed() - convergeStart) / (i + 1)) * ROUNDS_TO_SETTLE > deadline - convergeStart) {
        tooSlow = true;
        break;
      }
      if (process.env.LNS_DEBUG) console.error(`[cg ${elapsed().toFixed(1)} s] it ${iterations} master ${lp.objective.toFixed(2)} bound ${bound.toFixed(2)} added ${priced.added} columns ${patterns.length} (LP ${lpCols.length}) master ${tmaster.toFixed(2)} s`);
      if (priced.added === 0) {
        if (root) {
          converged = priced.exact;
          // No column prices out, every pricing exact: the master's LP value is the Dantzig–Wolfe bound itself.
          if (converged) bound = Math.max(bound, masterObjective);
        }
        break;
      }
    }
    return last;
  };
  let lp = await converge(opts.timeLimitSeconds * ROOT_SHARE, true);
  // No exact round yet (the narrow pass kept finding columns): one now on the last duals, for a bound, when it fits
  // in a sixth of the budget. Not after tailing off: the time is the dive's (Instance 13: that round took 48 s, most
  // of it in the MILP for workers whose states pass the programme's limit, and ended without a bound).
  if (lp && lastDuals && bound === -Infinity && !tooSlow && !tailedOff && !exactCut) {
    const priced = await priceAll(lastDuals, undefined, elapsed() + opts.timeLimitSeconds / 6);
    if (Number.isFinite(priced.reducedSum)) bound = masterObjective + priced.reducedSum;
  }

  // A master still finding columns at its deadline (they come too slowly for the budget) gives poor dives: no roster
  // then. One whose narrow pricing finds none dives even when the exact round did not finish (Instance 8).
  if (!settled) tooSlow = true;

  /** How many fixings a dive's step takes: as many as its steps so far (since `start`) show the time left needs. */
  const fixingsPerStep = (start: number, steps: number, count: number) => {
    const perStep = steps > 0 ? (elapsed() - start) / steps : 0;
    const stepsLeft = perStep > 0 ? Math.max(1, Math.floor((opts.timeLimitSeconds - elapsed()) / perStep)) : Infinity;
    return Math.max(1, Math.ceil(count / stepsLeft));
  };
  /**
   * Pricing after a dive's step until no column prices out, DIVE_ROUNDS rounds at most, within the step's share of the
   * time left (`stepsLeft` more steps at this one's size): the dive needs good columns, not a proof. The LP's values,
   * or `last` when there is none.
   */
  const priceStep = async (stepsLeft: number, last: Float64Array) =>
    (await converge(Math.min(opts.timeLimitSeconds, elapsed() + (opts.timeLimitSeconds - elapsed()) / Math.max(1, stepsLeft)), false, DIVE_ROUNDS)) ?? last;

  /**
   * Diving by days: fix the (worker, day) choices the LP takes most, generate again with them forced, until the LP is
   * whole or every day is fixed; past the deadline the free workers take their largest column at once. The chosen
   * column of each worker, or null.
   */
  const diveByDays = async (start: Float64Array) => {
    const h = p.days;
    const V = T + 1;
    const single = (m: number) => (m & (m - 1)) === 0;
    const diveStart = elapsed();
    let steps = 0;
    let lp: Float64Array | null = start;
    while (lp) {
      const values: Float64Array = lp;
      // Each worker's largest column, and the LP's share of each (worker, day) on each choice (off first).
      const top = new Int32Array(n).fill(-1);
      const share = new Float64Array(n * h * V);
      for (let k = 0; k < patterns.length; k++) {
        if (!(values[k] > 1e-9)) continue; // (a column newer than the LP has none)
        const w = patterns[k].worker;
        if (top[w] < 0 || values[k] > values[top[w]]) top[w] = k;
        patterns[k].days.forEach((t, d) => (share[(w * h + d) * V + t + 1] += values[k]));
      }
      if (top.every((k) => k >= 0 && values[k] > 0.999)) {
        fixedCol.set(top);
        break;
      }
      // Days the LP has whole are fixed at once (every column it uses agrees), then the open days most taken, each as
      // its worker's largest column has it, so that this column stays open and the LP feasible.
      const candidates: { at: number; v: number }[] = [];
      const touched = new Set<number>();
      for (let w = 0; w < n; w++) {
        if (fixedCol[w] >= 0 || top[w] < 0) continue;
        for (let d = 0, at = w * h; d < h; d++, at++) {
          if (single(allowed[at])) continue;
          const t = patterns[top[w]].days[d];
          const v = share[at * V + t + 1];
          if (v > 0.999) {
            allowed[at] = choiceBit(t);
            touched.add(w);
          } else candidates.push({ at, v });
        }
      }
      candidates.sort((a, c) => c.v - a.v);
      const take = fixingsPerStep(diveStart, steps, candidates.length);
      for (const { at } of candidates.slice(0, take)) {
        const w = Math.floor(at / h);
        allowed[at] = choiceBit(patterns[top[w]].days[at - w * h]);
        touched.add(w);
      }
      for (const w of touched) {
        fixVersion[w]++;
        let whole = true;
        for (let d = 0, at = w * h; d < h && whole; d++, at++) whole = single(allowed[at]);
        if (whole) fixedCol[w] = top[w];
      }
      steps++;
      if (fixedCol.every((k) => k >= 0)) break;
      if (elapsed() >= opts.timeLimitSeconds) {
        for (let w = 0; w < n; w++) if (fixedCol[w] < 0) fixedCol[w] = top[w];
        break;
      }
      lp = await priceStep(Math.ceil((candidates.length - take) / take), values);
      if (process.env.LNS_DEBUG) console.error(`[cg dive ${elapsed().toFixed(1)} s] workers whole ${fixedCol.filter((k) => k >= 0).length} days fixed ${allowed.filter(single).length} took ${take} of ${candidates.length} lp ${lastObjective.toFixed(1)}`);
    }
    return unfix();
  };

  /**
   * Diving by columns: fix the workers whose columns the LP takes most, generate again, until every worker is fixed;
   * past the deadline the rest take their largest column at once. The chosen column of each worker, or null.
   */
  const diveByColumns = async (start: Float64Array) => {
    const diveStart = elapsed();
    let steps = 0;
    let lp: Float64Array | null = start;
    while (lp) {
      // Every column taken at 0.9 or more, then the largest of the others, one per worker: one column a step while
      // the steps so far show the time left is enough for one a free worker, more when it is not (Instance 12: 60
      // workers, 30-37 fixed one by one in the minute the root leaves).
      const values: Float64Array = lp;
      const best = new Int32Array(n).fill(-1);
      for (let k = 0; k < patterns.length; k++) {
        const w = patterns[k].worker;
        if (fixedCol[w] >= 0 || !(values[k] >= 0)) continue;
        if (values[k] > 0.9) {
          fixedCol[w] = k;
          fixVersion[w]++;
        } else if (best[w] < 0 || values[k] > values[best[w]]) best[w] = k;
      }
      const candidates = [...best].filter((k, w) => k >= 0 && fixedCol[w] < 0).sort((a, c) => values[c] - values[a]);
      const take = fixingsPerStep(diveStart, steps, candidates.length);
      for (const k of candidates.slice(0, take)) {
        fixedCol[patterns[k].worker] = k;
        fixVersion[patterns[k].worker]++;
      }
      steps++;
      if (fixedCol.every((k) => k >= 0)) break;
      if (elapsed() >= opts.timeLimitSeconds) {
        for (let w = 0; w < n; w++) if (fixedCol[w] < 0) fixedCol[w] = best[w];
        break;
      }
      const free = fixedCol.reduce((c, k) => c + (k < 0 ? 1 : 0), 0);
      lp = await priceStep(Math.ceil(free / take), values);
      if (process.env.LNS_DEBUG) console.error(`[cg column dive ${elapsed().toFixed(1)} s] fixed ${fixedCol.filter((k) => k >= 0).length} lp ${lastObjective.toFixed(1)}`);
    }
    return unfix();
  };

  /** The dive's columns when it fixed every worker (null otherwise), every fixing then undone. */
  const unfix = () => {
    const chosen = fixedCol.every((k) => k >= 0) ? [...fixedCol] : null;
    fixedCol.fill(-1);
    allowed.fill(ANY_CHOICE);
    fixVersion.forEach((_, w) => fixVersion[w]++);
    return chosen;
  };

  let dive: number[] | null = null;
  if (lp && !tooSlow) {
    // By days first: on Instance 13 its LP stayed at 1,354 to the end and its roster was 1,354 (best known 1,348),
    // where the dive by columns held the LP at 1,355-1,370 over its first 85-90 of 120 workers, then its last fixings
    // were forced (rosters of 3,700-4,700, searches ending at 1,600-2,300). On Instance 8 the dive by days ends far
    // above its LP (1,707 and 1,809 from 1,297; the searches from them stalled at 1,501 and 1,407) in 4 s of the 45
    // left, so the dive by columns follows where the time allows (there at 1,316, its pool grown by the first dive's
    // columns; 1,421-1,834 before), and the better roster is kept. (Undoing a day's fixing that raised the settled LP
    // by half a percent and barring its choice instead made 8's dive by days worse: the LP rose further 9 times in 11.)
    // (Not when the first roster meets the bound: Instances 10-12, proven optimal by it, would wait for the second.)
    const diveStart = elapsed();
    // (A day's choices are bits of an int32: with more than 29 types, by columns only.)
    dive = T < 30 ? await diveByDays(lp) : null;
    const proven = dive !== null && coverCost(dive) <= boundRounder(p)(bound) + 1e-6;
    const again = !proven && elapsed() - diveStart < (opts.timeLimitSeconds - elapsed()) / 2 ? await converge(opts.timeLimitSeconds, false, DIVE_ROUNDS) : null;
    const other = again ? await diveByColumns(again) : null;
    if (process.env.LNS_DEBUG) console.error(`[cg] dives: by days ${dive ? coverCost(dive) : 'none'}, by columns ${other ? coverCost(other) : 'none'}`);
    if (other && (!dive || coverCost(other) < coverCost(dive))) dive = other;
  }

  kept.lp?.dispose();
  await pricer?.close();
  const report = { iterations, columns: patterns.length, masterObjective, bound, converged, seconds: elapsed() };
  const rosterOf = (chosen: number[]) => {
    const roster: (string | null)[][] = p.workers.map(() => Array<string | null>(p.days).fill(null));
    for (const k of chosen) patterns[k].days.forEach((t, d) => (roster[patterns[k].worker][d] = t >= 0 ? types[t].id : null));
    return roster;
  };
  /**
   * The master with whole choices over every column kept (with `start`'s rows among them), from `start`: rosters whose
   * workers' rows come from different rosters (the generation's, the search's), recombined against the cover.
   */
  const recombine = async (start: (string | null)[][] | null, seconds: number) => {
    const startCols = start
      ? start.map((row, w) => {
          const days = Int8Array.from(row, tIndexOf);
          add(column(w, days));
          return indexOf.get(keyOf(w, days))!;
        })
      : dive;
    const { model, lambda } = master(true);
    const startValues = new Float64Array(model.names.length);
    if (startCols) for (const k of startCols) startValues[lambda[k]] = 1;
    const r = await backend.solve(model, { timeLimitSeconds: Math.max(0.5, seconds), mipRelGap: 1e-6, ...(startCols ? { start: startValues } : {}) });
    const chosen = r.values.length ? patterns.map((_, k) => k).filter((k) => r.values[lambda[k]] > 0.5) : startCols;
    return chosen ? { roster: rosterOf(chosen), objective: coverCost(chosen), status: r.status, seconds: r.seconds } : null;
  };
  const pool = { recombine };
  if (tooSlow) return { roster: null, objective: NaN, report, pool };
  // Price and branch: the master with whole choices over the columns generated, from the dive's roster.
  const r = await recombine(null, opts.integerSeconds ?? 10);
  if (!r) return { roster: null, objective: NaN, report: { ...report, seconds: elapsed() }, pool };
  return { roster: r.roster, objective: r.objective, report: { ...report, seconds: elapsed() }, pool };
}
