import type { MilpBackend, SolveOptions, SolveResult } from './backend.js';
import { relativeGap } from './backend.js';
import { restrictByRelaxation, solveGuided } from './guided.js';
import { seededRandom, pickWeighted } from './random.js';
import { maxViolation, objectiveBreakdown, objectiveOf, restrict, type LinearModel } from './lp.js';
import { searchOnBoth, yieldToEvents } from './two-solvers.js';

/** A binary of the rota model and the person-day it decides. */
export interface Cell {
  v: number;
  person: number;
  day: number;
}

export interface RotaLnsReport {
  /** Objective of the first plan, and of the search's best. */
  start: number;
  searched: number;
  /** The relaxation's bound, and the whole model's root bound (its first second of branch and bound). */
  lpBound: number;
  rootBound: number;
  neighbourhoods: number;
  improvements: number;
  /** People (indices) whose rows carried a cost in the first plan, costliest first: the first people taken, in this order. */
  swept: number[];
  /** Seconds the search went on past its time (see `Extension`), 0 when it did not. */
  extended: number;
}

/**
 * More time, taken once, when the search's time is up while its plan is still far from the bound (a relative gap above
 * `whileGap`) and it found a better one within the last `recentGain` seconds: a window stuck far from its bound
 * costs the year more than the same seconds taken from windows that are near theirs.
 */
export interface Extension {
  seconds: number;
  whileGap: number;
  /** How recent (seconds) the last better plan must be; `RECENT_GAIN` by default. */
  recentGain?: number;
}

/**
 * Time cap of one neighbourhood's solve (seconds): those it cuts shrink, those proven in half of it grow. Year 2027 in
 * 52 s, 24 interleaved pairs: 0.42–1.67 %, mean 0.73 %, 21 under 1 %; with 0.4 s, 0.45–1.65 %, mean 0.85 %, 18.
 */
const SUB_SECONDS = 0.25;
/** Cost per unit of distance to the relaxation's value, in the first plan's model. */
const PROXIMITY = 20;
/** Gap at which the first plan's model stops: a start, not an answer. */
const NEAR_GAP = 0.05;
/** Time of the whole model's root, for the bound (HiGHS has it within a second on the months of 2027). */
const BOUND_SECONDS = 0.8;
type Kind = 'people' | 'days';
/**
 * A neighbourhood's solve stops at its second plan better than the start (HiGHS does not count the start): more
 * neighbourhoods, each gaining less (year 2027 in 52 s over six runs: 0.85–1.66 %, mean 1.14 %; proving each
 * neighbourhood: 0.79–1.87 %, mean 1.33 %).
 */
const IMPROVING = 2;
/** A search that found a better plan this recently (seconds) is still gaining: the condition of an `Extension`. */
const RECENT_GAIN = 1;

/**
 * Seconds an `Extension` adds to a search whose time is up, its plan at relative `gap` from the bound and its last gain
 * `sinceGain` seconds ago: 0 when it is not taken.
 */
export function extensionSeconds(ext: Extension | undefined, gap: number, sinceGain: number): number {
  if (!ext || ext.seconds <= 0) return 0;
  if (gap <= ext.whileGap || sinceGain > (ext.recentGain ?? RECENT_GAIN)) return 0;
  return ext.seconds;
}

/**
 * Each group's share (a person's, or a day's, by `of`) of what the plan's costed continuous columns carry (hours and
 * fair-share deviations, uncovered time): a column's cost is split among the groups whose binaries share a row with it.
 */
function blamer(model: LinearModel, cells: Cell[], count: number, of: (c: Cell) => number): (values: ArrayLike<number>) => number[] {
  const groupOf = new Int32Array(model.names.length).fill(-1);
  for (const c of cells) groupOf[c.v] = of(c);
  const owners = new Map<number, number[]>();
  for (const r of model.rows) {
    const costed = r.terms.filter(([j]) => !model.integer[j] && model.cost[j] > 0).map(([j]) => j);
    if (costed.length === 0) continue;
    const who = [...new Set(r.terms.map(([j]) => groupOf[j]).filter((g) => g >= 0))];
    for (const j of costed) owners.set(j, [...(owners.get(j) ?? []), ...who]);
  }
  return (values) => {
    const out = new Array<number>(count).fill(0);
    for (const [j, who] of owners) {
      const c = model.cost[j] * values[j];
      if (c > 0 && who.length) for (const p of who) out[p] += c / who.length;
    }
    return out;
  };
}

/** Indices of the positive weights, largest first. */
function costliestFirst(weights: number[]): number[] {
  return weights
    .map((w, i) => [w, i])
    .filter(([w]) => w > 1e-6)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
}

/** The costs the first plan leaves out: what makes HiGHS slow to find plans (README, "What makes a month slow"). */
const deferred = (tag: string) => tag === 'equite' || tag === 'heures';

/**
 * A window of the rota in a fixed time, as a large-neighbourhood search. HiGHS proves the month's bound within a
 * second but can take a minute to find a plan that meets it: the fairness and hours bands, met together, are what is
 * hard to hit. So: the relaxation; a first plan from the model without those costs, held near the relaxation's values
 * (which share the burdens fairly) by a cost on the distance to them; then neighbourhoods of the best plan (a few
 * people over the whole window, or everyone over a few days) re-solved with the rest fixed (`restrict`), kept when they
 * gain. With a second solver (a HiGHS thread) the whole model's root runs there first, for the bound, and then each
 * solver takes a neighbourhood of the best plan whenever it is free; an answer made on a plan since improved has its
 * changes carried onto the best one, kept when the whole still holds every row and costs less.
 */
export async function solveRotaLns(
  backend: MilpBackend,
  model: LinearModel,
  cells: Cell[],
  opts: SolveOptions & { parallel?: MilpBackend; seed?: number; extension?: Extension },
): Promise<SolveResult & { lns?: RotaLnsReport }> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  let limit = opts.timeLimitSeconds;
  const left = () => limit - elapsed();
  const relGap = opts.mipRelGap ?? 1e-4;
  const debug = process.env.LNS_DEBUG ? (m: string) => console.error(`[${elapsed().toFixed(2)} s] ${m}`) : () => {};
  if (!model.integer.some(Boolean) || cells.length === 0) return solveGuided(backend, model, opts);
  const random = seededRandom(opts.seed ?? 1);
  const found = (r: SolveResult | null | undefined): r is SolveResult => !!r && (r.status === 'optimal' || r.status === 'feasible');

  // The root bound: on the second solver while this one finds the first plan, otherwise first here.
  const boundOpts = { timeLimitSeconds: Math.min(BOUND_SECONDS, opts.timeLimitSeconds / 4), mipRelGap: relGap };
  let rootSettled = false;
  const rootRun = (opts.parallel ?? backend).solve(model, boundOpts).catch(() => null);
  void rootRun.then(() => (rootSettled = true));
  const root = opts.parallel ? null : await rootRun;

  const lp = await backend.solve({ ...model, integer: model.integer.map(() => false) }, { timeLimitSeconds: Math.max(1, left()) });
  if (lp.status === 'infeasible') return { ...lp, seconds: elapsed() };
  const lpBound = lp.status === 'optimal' ? lp.objective : -Infinity;

  let best = null as SolveResult | null;
  /** A plan from its binaries: the continuous columns (deviations, totals) solved again under the full costs. */
  const complete = async (values: ArrayLike<number>): Promise<SolveResult | null> => {
    const cont = restrict(model, values, (j) => !model.integer[j]);
    const r = await backend.solve(cont.model, { timeLimitSeconds: Math.max(0.5, left()) });
    if (r.status !== 'optimal') return null;
    const full = cont.expand(r.values);
    if (maxViolation(model, full) > 1e-6) return null;
    return { ...r, values: full, objective: objectiveOf(model, full) };
  };
  let lastGain = 0;
  const offer = (r: SolveResult | null) => {
    if (r && (!best || r.objective < best.objective - 1e-6)) {
      best = r;
      lastGain = elapsed();
    }
  };

  // 1. The first plan, near the relaxation; coverage first if that fails (the same rows, none of the deferred costs).
  if (lp.status === 'optimal') {
    const near = { ...model, cost: model.cost.map((c, j) => (deferred(model.tags[j]) ? 0 : model.integer[j] ? c + PROXIMITY * (1 - 2 * lp.values[j]) : c)) };
    // Within the model restricted by the relaxation (its 1s fixed, the binaries its reduced costs rule out at 0) first:
    // as good a plan, in half the time or less (January, March, September 2027: 0.2–0.4 s against 0.45–0.5 s), the
    // whole model's near plan only when that finds none or leaves time uncovered the relaxation covers (year in 52 s
    // over ten runs: 0.48–1.21 %, mean 0.87 %; without, five runs the same day: 0.56–1.86 %, mean 1.26 %).
    {
      const { model: restricted } = restrictByRelaxation(model, lp, relGap, opts.mipAbsGap ?? 1e-6);
      const r = await backend.solve({ ...near, lower: restricted.lower, upper: restricted.upper }, { timeLimitSeconds: Math.max(0.3, left() / 4), mipRelGap: NEAR_GAP });
      debug(`near restricted ${r.status} ${r.seconds.toFixed(2)} s`);
      if (found(r)) offer(await complete(r.values));
    }
    // The restriction can leave time uncovered that the relaxation covers: then the whole model's near plan too.
    const uncovered = (values: ArrayLike<number>) => {
      const b = objectiveBreakdown(model, values);
      return (b.couverture ?? 0) + (b.doublure ?? 0);
    };
    if (!best || uncovered((best as SolveResult).values) > uncovered(lp.values) + 1e-6) {
      const r = await backend.solve(near, { timeLimitSeconds: Math.max(0.5, left() / 3), mipRelGap: NEAR_GAP });
      debug(`near ${r.status} ${r.seconds.toFixed(2)} s`);
      if (found(r)) offer(await complete(r.values));
    }
  }
  if (!best) {
    const coverOnly = { ...model, cost: model.cost.map((c, j) => (deferred(model.tags[j]) ? 0 : c)) };
    const r = await backend.solve(coverOnly, { timeLimitSeconds: Math.max(0.5, left() / 2), mipRelGap: 1e-3 });
    debug(`cover ${r.status} ${r.seconds.toFixed(2)} s`);
    if (found(r)) offer(await complete(r.values));
  }
  const first = best?.objective ?? NaN;
  if (best) debug(`first plan ${JSON.stringify(objectiveBreakdown(model, (best as SolveResult).values))}`);

  // 2. Neighbourhoods of the best plan while time is left, one per solver at a time.
  const people = Math.max(...cells.map((c) => c.person)) + 1;
  const days = Math.max(...cells.map((c) => c.day)) + 1;
  const blame = blamer(model, cells, people, (c) => c.person);
  const dayBlame = blamer(model, cells, days, (c) => c.day);
  const size = { people: Math.min(1, people), days: Math.min(7, days) };
  // The first people neighbourhoods take, one after another, each person whose rows carry a cost in the first plan,
  // costliest first. That plan leaves the hours balance and fairness out (September 2027 with history: 887 and 214 of
  // its 1,325), and drawn by chance some of those people can wait until late while others come twice. Year 2027
  // in 52 s, sixteen interleaved pairs: 0.50–1.37 %, mean 0.86 %, thirteen under 1 %; drawn from the start,
  // 0.62–1.53 %, mean 0.98 %, six under 1 %.
  const swept = best ? costliestFirst(blame((best as SolveResult).values)) : [];
  let sweepNext = 0;
  debug(`sweep of ${swept.length} people`);
  let neighbourhoods = 0;
  let improvements = 0;
  let bound = lpBound;
  const margin = 0.05;
  const proven = () => !!best && best.objective - bound <= Math.max(1e-6, relGap * Math.abs(best.objective));
  // Rows of each column: a neighbourhood frees the continuous columns its binaries reach through rows (their deviations,
  // the totals, everyone's fair-share rows through the totals), not those of rows it leaves as they are.
  const rowsOf: number[][] = model.names.map(() => []);
  model.rows.forEach((r, i) => {
    for (const [j] of r.terms) rowsOf[j].push(i);
  });
  const reach = (free: Uint8Array) => {
    const queue: number[] = [];
    for (let j = 0; j < free.length; j++) if (free[j]) queue.push(j);
    const seenRow = new Uint8Array(model.rows.length);
    while (queue.length) {
      const j = queue.pop()!;
      for (const i of rowsOf[j]) {
        if (seenRow[i]) continue;
        seenRow[i] = 1;
        for (const [k] of model.rows[i].terms)
          if (!free[k] && !model.integer[k]) {
            free[k] = 1;
            queue.push(k);
          }
      }
    }
    return (j: number) => free[j] === 1;
  };
  /** A neighbourhood of `base`: people drawn by the costs their rows carry (half at least by chance), or a window of days. */
  const neighbourhood = (base: SolveResult, kind: Kind) => {
    const free = new Uint8Array(model.names.length);
    if (kind === 'people') {
      const weights = blame(base.values);
      const mean = weights.reduce((x, y) => x + y, 0) / people;
      const chosen = new Set<number>();
      // The sweep's people first (see `swept`), then drawn.
      while (sweepNext < swept.length && chosen.size < size.people) chosen.add(swept[sweepNext++]);
      for (let tries = 0; chosen.size < size.people && tries < 100; tries++) {
        const x = pickWeighted(weights.map((w, i) => (chosen.has(i) ? 0 : w + mean + 1e-9)), random);
        if (x >= 0) chosen.add(x);
      }
      for (const c of cells) if (chosen.has(c.person)) free[c.v] = 1;
    } else {
      // Around a day drawn by the costs its rows carry (uncovered time above all), half at least by chance.
      const weights = dayBlame(base.values);
      const mean = weights.reduce((x, y) => x + y, 0) / days;
      const centre = pickWeighted(weights.map((w) => w + mean + 1e-9), random);
      const from = Math.min(Math.max(0, days - size.days), Math.max(0, centre - Math.floor(random() * size.days)));
      for (const c of cells) if (c.day >= from && c.day < from + size.days) free[c.v] = 1;
    }
    return restrict(model, base.values, reach(free));
  };
  type Job = { base: SolveResult; kind: Kind; sub: ReturnType<typeof restrict>; r: SolveResult | null };
  const launch = (solver: MilpBackend): Promise<Job> => {
    const base = best!;
    const kind: Kind = neighbourhoods++ % 2 === 0 ? 'people' : 'days';
    const sub = neighbourhood(base, kind);
    const limit = Math.min(SUB_SECONDS, Math.max(0.05, left() - margin));
    return solver
      .solve(sub.model, { timeLimitSeconds: limit, mipRelGap: relGap, start: sub.columns.map((j) => base.values[j]), improvingSolutions: IMPROVING })
      .then((r) => ({ base, kind, sub, r }))
      .catch(() => ({ base, kind, sub, r: null }));
  };
  /** A neighbourhood's answer: kept when it gains; made on an older plan, its changes are carried onto the best one. */
  const integrate = async ({ base, kind, sub, r }: Job) => {
    if (!r) return;
    debug(`  ${kind} ${size[kind]} ${r.status} ${r.objective?.toFixed(1)} ${r.seconds.toFixed(2)} s${base === best ? '' : ' (older plan)'}`);
    // Neighbourhoods proven quickly grow; those cut by the limit shrink.
    if (r.status === 'optimal' && r.seconds < SUB_SECONDS / 2) size[kind] = Math.min(kind === 'people' ? people : days, size[kind] + 1);
    else if (r.status !== 'optimal') size[kind] = Math.max(kind === 'people' ? 1 : 3, size[kind] - 1);
    if (!found(r) || r.objective >= base.objective - 1e-6) return;
    const values = sub.expand(r.values);
    const before = best!.objective;
    if (base === best) offer({ ...base, values, objective: objectiveOf(model, values) });
    else {
      const merged = Float64Array.from(best!.values);
      for (const j of sub.columns) if (model.integer[j]) merged[j] = values[j];
      offer(await complete(merged));
    }
    if (best!.objective < before) {
      improvements++;
      debug(`${kind} ${before.toFixed(1)} → ${best!.objective.toFixed(1)}`);
    }
  };
  // While the root runs on the thread, this solver searches alone; then both, each taking a neighbourhood of the best
  // plan as soon as it is free (searchOnBoth).
  while (opts.parallel && best && !rootSettled && left() > margin + 0.05) {
    await integrate(await launch(backend));
    await yieldToEvents();
  }
  const rootResult = opts.parallel ? await rootRun : root;
  if (found(rootResult)) offer(rootResult);
  bound = Math.max(lpBound, Number.isFinite(rootResult?.bound) ? rootResult!.bound : -Infinity);
  debug(`lp ${lpBound.toFixed(1)} root ${rootResult?.bound}: first plan ${first.toFixed(1)}, now ${best?.objective.toFixed(1)}`);
  let extended = 0;
  /** Takes the extension when its conditions hold (once): true when the search goes on. */
  const extend = () => {
    if (extended > 0 || !best) return false;
    const gap = relativeGap(best.objective, Math.min(best.objective, bound));
    const more = extensionSeconds(opts.extension, gap, elapsed() - lastGain);
    if (more <= 0) return false;
    debug(`extended by ${more.toFixed(2)} s at gap ${(gap * 100).toFixed(2)} %`);
    extended = more;
    limit += more;
    return true;
  };
  // The second neighbourhood queued waits in the thread, not for this solver (no room for it near the end).
  await searchOnBoth({
    going: () => best !== null && (left() > margin + 0.05 || extend()) && !proven(),
    roomy: () => left() > 2 * SUB_SECONDS + margin,
    here: async () => integrate(await launch(backend)),
    onThread: opts.parallel ? () => launch(opts.parallel!).then(integrate) : undefined,
  });

  const report: RotaLnsReport = { start: first, searched: best?.objective ?? NaN, lpBound, rootBound: rootResult?.bound ?? NaN, neighbourhoods, improvements, swept, extended };
  debug(JSON.stringify(report));
  if (!best) return { ...(rootResult ?? lp), status: 'no-solution', bound, seconds: elapsed(), lns: report };
  const b = Math.min(best.objective, bound);
  const gap = relativeGap(best.objective, b);
  return { ...best, status: gap <= relGap ? 'optimal' : 'feasible', bound: b, gap, seconds: elapsed(), backend: backend.name, lns: report };
}
