import type { MilpBackend, SolveResult } from './backend.js';
import { objectiveOf, restrict } from './lp.js';
import { pickWeighted, seededRandom } from './random.js';
import { shiftColumnGeneration, type ColumnGenerationReport } from './shift-colgen.js';
import { boundRounder, buildShiftModel, type ShiftProblem, type ShiftSolution } from './shift-model.js';
import { descendByWorker } from './shift-descent.js';
import { cheapestRoster } from './shift-pricing.js';
import { searchOnBoth, yieldToEvents } from './two-solvers.js';

/** Variables a neighbourhood frees at most when it starts: of a few workers over the horizon, of everyone over a few days. */
const WORKER_VARS = 2500;
const DAY_VARS = 6500;

export interface LnsReport {
  /** Objective after each phase: the whole model first, the construction, the neighbourhood search, the last whole solve. */
  phases: { name: string; objective: number; seconds: number }[];
  iterations: number;
  improvements: number;
  /** The column generation's figures (its bound is the search's bound when higher than the whole model's). */
  columnGeneration?: ColumnGenerationReport;
}

/**
 * Large-neighbourhood search over the shift MILP. The whole model first (small instances end here, proven); then a
 * roster built worker by worker (each worker's rules are theirs alone, so each step is that worker's own problem
 * against the cover the others leave), improved by a best-response descent over the workers (shift-descent), and
 * the column generation started from it (a bound, and a roster); then, until the time is nearly spent, neighbourhoods
 * of the best roster (a few workers, every worker over a few days…) are re-solved with everything else fixed, as a
 * model of their own (`restrict`), the kinds that gained most per second drawn most often; last, the whole model from that roster, for its bound. With a
 * second solver (`parallel`, a HiGHS thread), the whole model runs there during the construction, and then both
 * solvers search, each taking a neighbourhood as soon as it is free.
 */
export async function solveShiftLns(p: ShiftProblem, backend: MilpBackend, timeLimitSeconds: number, opts: { seed?: number; wholeFirst?: boolean; parallel?: MilpBackend; columnGeneration?: boolean } = {}): Promise<ShiftSolution & { lns: LnsReport }> {
  const seed = opts.seed ?? 1;
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const left = () => timeLimitSeconds - elapsed();
  const built = buildShiftModel(p);
  const m = built.model;
  const workerVars = built.x.map((days) => days.flat().filter((v) => v >= 0));
  const n = p.workers.length;
  const random = seededRandom(seed);
  const phases: LnsReport['phases'] = [];
  const tIndex = new Map(p.shiftTypes.map((t, i) => [t.id, i]));
  const debug = process.env.LNS_DEBUG ? (m: string) => console.error(`[${elapsed().toFixed(1)} s] ${m}`) : () => {};

  // 1. The whole model for a quarter of the time, 10 s at most (small instances are proven optimal here). With a second
  // solver it runs there while this thread builds the roster worker by worker and searches alone (steps 2 and 3); a
  // small model (at most 1,000 binaries) gets half the time there, which is what HiGHS needs to prove the small
  // instances (Instance 3: 23 s).
  const empty: SolveResult = { status: 'no-solution', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds: 0, backend: backend.name };
  const binaries = m.integer.filter(Boolean).length;
  const wholeSeconds = opts.parallel && binaries <= 1000 ? timeLimitSeconds * 0.5 : Math.max(1, Math.min(10, timeLimitSeconds * 0.25));
  const wholeRun = opts.wholeFirst === false ? Promise.resolve(empty) : (opts.parallel ?? backend).solve(m, { timeLimitSeconds: wholeSeconds, mipRelGap: 1e-6 }).catch(() => empty);
  let wholeSettled = false;
  void wholeRun.then(() => (wholeSettled = true));
  let whole = empty;
  let wholeTaken = false;
  let bestBound = -Infinity;
  let iterations = 0;
  let improvements = 0;
  /** Waits for the whole model's answer, once; true when it is proven optimal. */
  const awaitWhole = async () => {
    if (wholeTaken) return false;
    wholeTaken = true;
    whole = await wholeRun;
    if (Number.isFinite(whole.bound)) bestBound = Math.max(bestBound, whole.bound);
    if (opts.wholeFirst !== false) phases.push({ name: 'whole', objective: whole.values.length ? whole.objective : NaN, seconds: elapsed() });
    debug(`whole ${whole.status} ${whole.objective}`);
    return whole.status === 'optimal';
  };
  const wholeAnswer = () => ({ assignment: built.assignmentOf(whole.values), solve: whole, lns: { phases, iterations, improvements } as LnsReport });
  if (!opts.parallel && (await awaitWhole())) return wholeAnswer();

  // Which worker variables each auxiliary (a weekend flag, a cover's shortfall or excess) is tied to by its rows: it is
  // re-solved when one of them is, and otherwise stays at the base roster's value.
  const isShift = new Uint8Array(m.names.length);
  for (const vs of workerVars) for (const v of vs) isShift[v] = 1;
  const auxTies = new Map<number, number[]>();
  for (const r of m.rows) {
    const shifts = r.terms.filter(([j]) => isShift[j]).map(([j]) => j);
    for (const [j] of r.terms) {
      if (isShift[j]) continue;
      const ties = auxTies.get(j) ?? [];
      ties.push(...shifts);
      auxTies.set(j, ties);
    }
  }

  /** Re-solves the free shift variables (and the auxiliaries tied to them) with the rest fixed at `base`: the result, or null. */
  const subSolve = async (base: Float64Array, free: (v: number) => boolean, seconds: number, everyAuxiliary = false, solver: MilpBackend = backend): Promise<SolveResult | null> => {
    const sub = restrict(m, base, (j) => (isShift[j] ? free(j) : everyAuxiliary || (auxTies.get(j) ?? []).some(free)));
    // The second solver failing (its thread stopped) leaves this neighbourhood unsolved; the search goes on.
    const r = await solver.solve(sub.model, { timeLimitSeconds: Math.max(0.2, seconds), mipRelGap: 1e-4, start: sub.columns.map((j) => base[j]) }).catch((e: unknown) => {
      if (solver === backend) throw e;
      return null;
    });
    if (!r?.values.length) return null;
    const values = sub.expand(r.values);
    return { ...r, values, objective: objectiveOf(m, values) };
  };

  // 2. Worker by worker: each one's own problem against the cover the workers before them leave (their rules are
  // theirs alone), by the pricing programme (milliseconds a worker; the MILP where it finds nothing), then
  // the whole model's auxiliaries completed with every shift fixed. The roster: the type index worked each day.
  const roster = built.x.map(() => new Int8Array(p.days).fill(-1));
  const ownVar = new Map<number, number>();
  workerVars.forEach((vs, w) => vs.forEach((v) => ownVar.set(v, w)));
  const covered = new Map<string, number>();
  /** Every worker got a lawful roster (the columns take only lawful rosters). */
  let lawful = true;
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
    // Working a type where the cover still lacks someone saves a shortfall, elsewhere it adds an excess.
    const coverOf = new Map(one.cover.map((c) => [`${c.day}|${c.type}`, c]));
    const dayCost = (d: number, t: number) => {
      const v = sub.x[0][d][t];
      const c = coverOf.get(`${d}|${p.shiftTypes[t].id}`);
      return (v < 0 ? 0 : sub.model.cost[v]) + (c ? (c.requirement > 0 ? -c.underWeight : c.overWeight) : 0);
    };
    // The type index worked each day (−1 off). The narrow pass: a greedy step needs a good roster, not a proven one
    // (exact passes took 129 s on Instance 13).
    let days: ArrayLike<number> | null = cheapestRoster(one, 0, dayCost, { beam: 200 })?.days ?? null;
    if (!days) {
      const r = await backend.solve(sub.model, { timeLimitSeconds: Math.min(5, Math.max(0.2, left() / (8 * n))), mipRelGap: 1e-6 });
      if (r.values.length) days = sub.x[0].map((vs) => vs.findIndex((v) => v >= 0 && r.values[v] > 0.5));
    }
    if (!days) {
      lawful = false;
      continue;
    }
    roster[w].set(days);
    for (let d = 0; d < days.length; d++) {
      const t = days[d];
      if (t < 0) continue;
      const k = `${d}|${p.shiftTypes[t].id}`;
      covered.set(k, (covered.get(k) ?? 0) + 1);
    }
  }
  // Then each worker in turn re-planned against the others (best response, by the same programme): Instance 13 from
  // 14,604 to 6,523 in 8 s, 15 from 13,379 to 7,289 in 2 s.
  const descent = descendByWorker(p, roster, { deadline: performance.now() + 1000 * Math.min(20, timeLimitSeconds * 0.1) });
  /** A roster's shift variables (auxiliaries at 0). */
  const valuesOfRoster = (r: Int8Array[]) => {
    const values = new Float64Array(m.names.length);
    r.forEach((days, w) => days.forEach((t, d) => t >= 0 && (values[built.x[w][d][t]] = 1)));
    return values;
  };
  let best = valuesOfRoster(roster);
  const constructed = built.assignmentOf(best);
  debug(`constructed, descent gained ${descent.gain} in ${descent.sweeps} sweeps`);

  // 3. Column generation (by worker: each worker's rules are theirs alone, so a column is a worker's roster and the
  // pricing is that worker's own problem, a dynamic programme): a bound that is usually within a few units of the
  // optimum where the whole model's relaxation is far below it, and a roster (price and branch).
  // Every cost of the shift model is whole when the instance's weights are (a cover's shortfall and excess are whole
  // for whole shifts), and then so is the optimum: the bound rounds up.
  const roundBound = boundRounder(p);
  let columns: SolveResult | null = null;
  let columnGeneration: ColumnGenerationReport | undefined;
  if (opts.columnGeneration !== false) {
    // Up to three quarters of the time: a large master (Instance 13, 120 workers) needs 70–80 s to tail off and as long
    // again to dive, and the search from its roster went further in its last 60 s (4,679 to 1,925) than from the
    // descent's in 290 s (6,523 to 2,326). A master that settles early dives early and leaves the rest to the search.
    const cg = await shiftColumnGeneration(p, backend, { timeLimitSeconds: timeLimitSeconds * 0.75, initial: lawful ? [constructed] : [], threads: opts.parallel !== undefined, integerSeconds: Math.max(1, Math.min(10, timeLimitSeconds * 0.1)) });
    columnGeneration = cg.report;
    bestBound = Math.max(bestBound, roundBound(cg.report.bound));
    debug(`column generation ${JSON.stringify(cg.report)} roster ${cg.objective}`);
    if (cg.roster) {
      // A dive's last fixings can be forced (Instance 8's dive by days: its LP from 1,297 to 1,707; Instance 13's dive
      // by columns, before it dived by days: from 1,386 to 4,716 over its last 30 workers): the descent mends the most
      // of that in seconds, before the search.
      const indexed = cg.roster.map((row) => Int8Array.from(row, (id) => (id === null ? -1 : tIndex.get(id)!)));
      const mended = descendByWorker(p, indexed, { deadline: performance.now() + 1000 * Math.min(10, timeLimitSeconds * 0.05) });
      debug(`columns' roster ${cg.objective}, descent gained ${mended.gain} in ${mended.sweeps} sweeps`);
      columns = await subSolve(valuesOfRoster(indexed), () => false, Math.max(1, Math.min(10, left() / 4)), true);
    }
  }

  await yieldToEvents();
  if (wholeSettled && (await awaitWhole())) return wholeAnswer();
  const completed = await subSolve(best, () => false, Math.max(1, Math.min(10, left() / 4)), true);
  // Nothing built here: the whole model's answer is all there is, so wait for it.
  if (!completed && (await awaitWhole())) return wholeAnswer();
  let bestObjective = completed ? completed.objective : Infinity;
  if (completed) best = Float64Array.from(completed.values);
  let startName = 'construction';
  if (columns && columns.objective < bestObjective) {
    best = Float64Array.from(columns.values);
    bestObjective = columns.objective;
    startName = 'columns';
  }
  if (whole.values.length && whole.objective < bestObjective) {
    best = Float64Array.from(whole.values);
    bestObjective = whole.objective;
  }
  if (!Number.isFinite(bestObjective)) return wholeAnswer();
  phases.push({ name: startName, objective: bestObjective, seconds: elapsed() });
  const proven = () => bestObjective <= bestBound + 1e-6;

  // 4. Neighbourhoods of four kinds: k random workers; k workers who could mend a cover penalty of the best roster (fill
  // a shortfall, leave an excess); every worker over a window of days; half the workers over twice that window. Each
  // kind's size grows while its sub-solves are easy and shrinks when they run out of time. (Local branching, the whole
  // model with at most 2k changes, was tried: it ran out of time 17 times in 19 on Instance 8.)
  const dayOf = new Int32Array(m.names.length).fill(-1);
  built.x.forEach((days) => days.forEach((types, d) => types.forEach((v) => v >= 0 && (dayOf[v] = d))));
  type Kind = 'workers' | 'cover' | 'days' | 'block';
  // Starting sizes: an eighth of the workers, a week; fewer where that frees more variables than the sub-solves settle
  // in their time (Instance 13, 120 workers and 18 types: its first 12 s of neighbourhoods of 14 workers and 6 days
  // all ran out of time, the sizes coming down by one each; those that gained were of 3-4 days). Instances 1-12, 14
  // and 15 start as before.
  const T = p.shiftTypes.length;
  const startWorkers = Math.max(2, Math.min(Math.round(n / 8), Math.floor(WORKER_VARS / (p.days * T))));
  const startDays = Math.max(2, Math.min(7, Math.floor(DAY_VARS / (n * T))));
  const size: Record<Kind, number> = { workers: Math.min(n, startWorkers), cover: Math.min(n, 3), days: Math.min(p.days, startDays), block: Math.min(p.days, startDays) };
  const limits: Record<Kind, [number, number]> = { workers: [2, n], cover: [1, n], days: [2, p.days], block: [2, p.days] };
  const kinds: Kind[] = ['workers', 'cover', 'days', 'block'];
  // Adaptive choice: each kind is drawn in proportion to what it gained per second lately (a floor keeps every kind
  // tried now and then).
  const score: Record<Kind, number> = { workers: 1, cover: 1, days: 1, block: 1 };
  const drawKind = (): Kind => {
    return kinds[pickWeighted(kinds.map((k) => score[k]), random)];
  };
  const pickWorkers = (count: number, from: number[]) => {
    const pool = from.slice();
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, pool.length)) chosen.add(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    return chosen;
  };
  const everyone = p.workers.map((_, i) => i);
  /** A cover penalty of `best` drawn in proportion to its cost, and the workers who could mend it. */
  const penalties = (avoid: Set<number>) => {
    const options: { day: number; cost: number; helpers: number[] }[] = [];
    for (const c of p.cover) {
      const ti = tIndex.get(c.type)!;
      let count = 0;
      const on: number[] = [];
      const could: number[] = [];
      for (let w = 0; w < n; w++) {
        const v = built.x[w][c.day][ti];
        if (v < 0 || avoid.has(w)) continue;
        if (best[v] > 0.5) {
          count++;
          on.push(w);
        } else could.push(w);
      }
      if (count < c.requirement) options.push({ day: c.day, cost: (c.requirement - count) * c.underWeight, helpers: could });
      else if (count > c.requirement) options.push({ day: c.day, cost: (count - c.requirement) * c.overWeight, helpers: on });
    }
    const i = pickWeighted(options.map((o) => o.cost), random);
    return i < 0 ? null : options[i];
  };
  const coverTarget = (avoid: Set<number>): Set<number> | null => {
    const o = penalties(avoid);
    if (!o) return null;
    const chosen = pickWorkers(size.cover, o.helpers);
    // One more worker at random: the one who takes over what a helper leaves.
    const others = everyone.filter((w) => !chosen.has(w) && !avoid.has(w));
    if (others.length) chosen.add(others[Math.floor(random() * others.length)]);
    return chosen;
  };
  // The time kept for the last whole solve (step 5), unless the column generation gave a bound (the whole model's
  // relaxation is far below it, so its last solve proves nothing: in 57 logged runs of Instances 8, 9 and 13–15 it
  // never improved the roster either) or the bound known is too weak for it to prove anything (Instance 13: 121
  // against 2,427 and more).
  const reserveFor = () => (Number.isFinite(columnGeneration?.bound ?? -Infinity) || (wholeTaken && bestBound < 0.5 * bestObjective) ? 0 : timeLimitSeconds * 0.15);
  /** A neighbourhood of `kind` (its free variables), away from the `avoid` workers; `workers`: the freed workers (null: a window of days). */
  const choose = (kind: Kind, avoid: Set<number>) => {
    let free: (v: number) => boolean;
    let workers: Set<number> | null = null;
    const pool = everyone.filter((w) => !avoid.has(w));
    if (kind === 'days' || kind === 'block') {
      const span = Math.min(p.days, kind === 'block' ? 2 * size.block : size.days);
      // Half the time the window holds a cover penalty (drawn by its cost), otherwise anywhere.
      const target = random() < 0.5 ? penalties(new Set()) : null;
      const latest = Math.max(0, p.days - span);
      const from = target ? Math.min(latest, Math.max(0, target.day - Math.floor(random() * span))) : Math.floor(random() * (latest + 1));
      const who = kind === 'block' ? pickWorkers(Math.ceil(n / 2), everyone) : null;
      free = (v) => dayOf[v] >= from && dayOf[v] < from + span && (who === null || who.has(ownVar.get(v)!));
    } else {
      const chosen = kind === 'cover' ? (coverTarget(avoid) ?? pickWorkers(size.cover + 1, pool)) : pickWorkers(size.workers, pool);
      workers = chosen;
      free = (v) => chosen.has(ownVar.get(v)!);
    }
    return { kind, free, workers };
  };
  const neighbourhood = async (c: ReturnType<typeof choose>, base: Float64Array, solver: MilpBackend, budget: number) => ({ ...c, budget, r: await subSolve(base, c.free, budget, false, solver) });
  /** The kind's score and size after its result. */
  const learn = ({ kind, r, budget }: Awaited<ReturnType<typeof neighbourhood>>, before: number) => {
    const gain = r ? Math.max(0, before - r.objective) : 0;
    const total = kinds.reduce((t, k) => t + score[k], 0);
    score[kind] = Math.max(0.05 * total, 0.8 * score[kind] + (0.2 * (gain > 1e-6 ? 1 + Math.log1p(gain) : 0)) / Math.max(0.05, r?.seconds ?? budget));
    const easy = r?.status === 'optimal' && r.seconds < budget / 4;
    const veryEasy = easy && r.seconds < budget / 20;
    const [lo, hi] = limits[kind];
    size[kind] = Math.min(hi, Math.max(lo, size[kind] + (veryEasy ? 2 : easy ? 1 : -1)));
    debug(`lns ${iterations} ${kind} ${size[kind]} ${r?.status} ${r?.seconds.toFixed(2)} ${r?.objective} best ${before}`);
  };
  let stalled = 0;
  const take = (values: Float64Array, objective: number) => {
    // Equal rosters are taken too: moving sideways on a plateau lets the next neighbourhoods see other rosters.
    const tolerance = 1e-6 * Math.max(1, Math.abs(bestObjective));
    if (objective > bestObjective + tolerance) return;
    if (objective < bestObjective - tolerance) {
      improvements++;
      stalled = 0;
    }
    best = Float64Array.from(values);
    bestObjective = Math.min(bestObjective, objective);
  };
  /** The whole model's roster joins the search when it is back (once); true when it is proven optimal. */
  const joinWhole = async () => {
    if (wholeTaken) return false;
    if (await awaitWhole()) return true;
    if (whole.values.length) take(whole.values, whole.objective);
    return false;
  };
  const pick = () => (iterations < kinds.length ? kinds[iterations] : drawKind());
  /** The time each sub-solve has: stuck in a local optimum of the small neighbourhoods, more (up to 8 times), which lets the sizes grow. */
  const budgetNow = () => Math.min(1.5 * 2 ** Math.min(3, Math.floor(stalled / 24)), left() - reserveFor());
  // Read again each time: the whole model's bound can arrive (and show itself too weak) during the search.
  const going = () => !proven() && left() > reserveFor() + 0.5;
  /**
   * A neighbourhood's answer, solved from `base` (at `before`): taken when better than the best roster; when the best
   * has changed meanwhile and the neighbourhood freed whole workers, their rosters put into the best one (every hard
   * rule is one worker's: rosters combine freely), the cover completed, taken when better.
   */
  const integrate = async (x: Awaited<ReturnType<typeof neighbourhood>>, base: Float64Array, before: number) => {
    stalled++;
    learn(x, before);
    if (!x.r) return;
    if (base !== best && x.workers && x.r.objective < before - 1e-6) {
      const merged = Float64Array.from(best);
      for (const w of x.workers) for (const v of workerVars[w]) merged[v] = x.r.values[v];
      const r = await subSolve(merged, () => false, Math.max(0.2, Math.min(2, left() - reserveFor())), true);
      debug(`merge ${r?.status} ${r?.objective} (${x.r.objective} from ${before}, best ${bestObjective})`);
      if (r) take(r.values, r.objective);
    }
    take(x.r.values, x.r.objective);
  };
  /** The workers freed by each neighbourhood in flight on the second solver (none for a window of days). */
  const held = new Set<Set<number>>();
  const avoid = () => {
    const ws = new Set<number>();
    for (const h of held) for (const w of h) ws.add(w);
    return ws;
  };
  /** A neighbourhood of the best roster, away from the workers of those in flight, solved on `solver` and integrated. */
  const launch = (solver: MilpBackend) => {
    const c = choose(pick(), avoid());
    iterations++;
    const base = best;
    const before = bestObjective;
    return { c, run: neighbourhood(c, base, solver, budgetNow()).then((x) => integrate(x, base, before)) };
  };
  // One solver while the whole model runs on the thread (or without a thread).
  while (going()) {
    await yieldToEvents();
    if (wholeSettled && (await joinWhole())) return wholeAnswer();
    if (opts.parallel && wholeTaken) break;
    await launch(backend).run;
  }
  // Then both solvers, each taking a neighbourhood of the best roster as soon as it is free (searchOnBoth). Each
  // neighbourhood avoids the workers of those in flight, so that their improvements combine.
  if (opts.parallel && wholeTaken) {
    const second = opts.parallel;
    await searchOnBoth({
      going,
      roomy: () => left() > 2 * budgetNow() + reserveFor(),
      here: () => launch(backend).run,
      onThread: () => {
        const { c, run } = launch(second);
        const workers = c.workers;
        if (workers) held.add(workers);
        return run.finally(() => workers && held.delete(workers));
      },
    });
  }
  phases.push({ name: 'neighbourhoods', objective: bestObjective, seconds: elapsed() });

  // 5. The whole model from the best roster: a last chance to improve, and the bound. With a second solver, both solve
  // it with different seeds: the better roster and the higher bound are kept.
  if (!proven() && (await joinWhole())) return wholeAnswer();
  const last = { timeLimitSeconds: left(), mipRelGap: 1e-6, start: best };
  // Less than a second left (no time was kept for it): the budget is the user's, not overrun for a solve too short to matter.
  const finals = proven() || left() < 1 ? [] : await Promise.all([backend.solve(m, last), ...(opts.parallel ? [opts.parallel.solve(m, { ...last, randomSeed: seed + 1 }).catch(() => empty)] : [])]);
  for (const f of finals) {
    if (f.values.length && f.objective < bestObjective - 1e-6) {
      best = Float64Array.from(f.values);
      bestObjective = f.objective;
    }
    if (Number.isFinite(f.bound)) bestBound = Math.max(bestBound, f.bound);
  }
  phases.push({ name: 'whole again', objective: bestObjective, seconds: elapsed() });
  debug(`phases ${JSON.stringify(phases)}`);
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
  return { assignment: built.assignmentOf(best), solve, lns: { phases, iterations, improvements, columnGeneration } };
}
