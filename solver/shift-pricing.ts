import type { ShiftProblem } from './shift-model.js';

/** A worker's roster over the horizon: the type index worked each day, −1 for a day off. */
export interface WorkerRoster {
  days: Int8Array;
  /** Σ of the given day costs over the days worked. */
  cost: number;
  /** False when the exact pass gave up (`maxLabels`) and this is the narrow pass's roster: good, not proven least. */
  exact: boolean;
}

interface Label {
  cost: number;
  /**
   * The state as one number (see `code` in cheapestRoster): the class of the type worked on the label's day (types
   * alike in what may follow them; −1 off, −2 before the first day), the length of the current run (of work or of
   * rest, capped where it no longer matters), and whether that run began on the horizon's first day (runs touching
   * the ends are exempt from the minimums).
   */
  code: number;
  /** Type worked on the label's day, −1 off. */
  type: number;
  minutes: number;
  weekends: number;
  /** Shifts worked per limited type (those whose maximum can bind). */
  counts: number[];
  parent: Label | null;
  /** Cost plus the bound on the days left, set when kept. */
  score: number;
  /** Place among the day's states before the narrow pass orders them (ties keep it). */
  rank: number;
}

export interface PricingOptions {
  /** Give up (undefined) when a day holds more states than this. */
  maxLabels?: number;
  /** Only rosters cheaper than this are wanted: null when there is none. */
  below?: number;
  /** A narrow pass alone, keeping this many of the most promising states a day (fast, not exact). */
  beam?: number;
}

/** Every count of `a` is at most that of `b`. */
function noMore(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] > b[i]) return false;
  return true;
}

/** Reorders `a` so that its first k items are its k least under `before` (in no particular order): quickselect. */
function selectSmallest<X>(a: X[], k: number, before: (x: X, y: X) => number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi && k > lo && k <= hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(a[i], pivot) < 0) i++;
      while (before(pivot, a[j]) < 0) j--;
      if (i <= j) {
        [a[i], a[j]] = [a[j], a[i]];
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi]: go on in the part that holds the k-th.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The least-cost roster of one worker of a shift problem under all of that worker's rules (the shift model's
 * `buildShiftModel` with that worker alone): a dynamic programme over the days, exact. States are the class of the
 * type worked last (types alike in what may follow them), the current run, total minutes, weekends worked and the
 * count of each type whose maximum can bind; among states equal in all but cost, weekends and counts, one that is no
 * worse on all three dominates. A state is dropped when its cost plus the least cost of the days left (the same
 * programme on type, run and weekends alone, backwards: a bound) reaches the best roster known (a first pass keeping
 * the 100 most promising states a day finds one) or `below`, or when the days left cannot bring its minutes into the
 * worker's band (the most and least minutes of that backward programme). It is
 * the pricing step of column generation, where HiGHS spends 0.1–0.3 s on cuts for a 50-binary worker model.
 * `dayCost(d, t)` is the cost of working type t on day d. Null when the worker has no lawful roster (below `below`);
 * when a day of the exact pass holds more than `maxLabels` states, the narrow pass's roster (not exact), or undefined
 * when it has none either.
 */
export function cheapestRoster(p: ShiftProblem, w: number, dayCost: (d: number, t: number) => number, opts: PricingOptions = {}): WorkerRoster | null | undefined {
  const worker = p.workers[w];
  const types = p.shiftTypes;
  const T = types.length;
  const h = p.days;
  const unavailable = new Set(worker.unavailable);
  const allowed = types.map((t) => (worker.maxByType[t.id] ?? Infinity) > 0);
  const forbidOf = types.map((t) => types.map((u) => t.cannotFollow.includes(u.id)));
  // Types alike in what may follow them are one state (Instance 13: 18 types, 8 classes).
  const signatures = [...new Set(forbidOf.map((f) => f.join()))];
  const classOf = forbidOf.map((f) => signatures.indexOf(f.join()));
  const C = signatures.length;
  const forbid = signatures.map((_, c) => forbidOf[classOf.indexOf(c)]);
  const weekday = (d: number) => ((p.firstWeekday - 1 + d) % 7) + 1;
  const open = Array.from({ length: h }, (_, d) => !unavailable.has(d));
  const workable = open.filter(Boolean).length;
  const limited = types.map((_, i) => i).filter((i) => allowed[i] && (worker.maxByType[types[i].id] ?? Infinity) < workable);
  const limitOf = limited.map((i) => worker.maxByType[types[i].id]);
  const slot = new Int32Array(T).fill(-1);
  limited.forEach((i, k) => (slot[i] = k));
  const saturdays = Array.from({ length: h }, (_, d) => d).filter((d) => weekday(d) === 6).length;
  const trackWeekends = worker.maxWeekends < saturdays;
  const capOff = Math.max(1, worker.minConsecutiveOff);
  const costs = Array.from({ length: h }, (_, d) => types.map((_, t) => (open[d] && allowed[t] ? dayCost(d, t) : Infinity)));

  /** The state after working `t` (−1: resting) following (last, run, fromStart), or null when a rule forbids it. */
  const next = (last: number, run: number, fromStart: boolean, t: number): [number, number, boolean] | null => {
    if (t < 0) {
      if (last >= 0) return fromStart || run >= worker.minConsecutive ? [-1, 1, false] : null;
      const r = Math.min(capOff, run + 1);
      return [-1, r, last === -2 || (fromStart && r < capOff)];
    }
    if (last >= 0) {
      if (forbid[last][t] || run + 1 > worker.maxConsecutive) return null;
      return [classOf[t], run + 1, fromStart && run + 1 < worker.minConsecutive];
    }
    if (last === -1 && !fromStart && run < worker.minConsecutiveOff) return null;
    return [classOf[t], 1, last === -2];
  };

  // The bound on the days left: the same rules on (type, run, fromStart) and the weekends worked only, from the last
  // day backwards. With the weekends in it, a state that has used them all cannot count on working a Saturday it is
  // bound to (a narrow pass kept only such states and lost every roster, Instance 13).
  const R = Math.max(worker.maxConsecutive, capOff) + 1;
  const W = trackWeekends ? worker.maxWeekends + 1 : 1;
  const code = (last: number, run: number, fromStart: boolean) => ((last + 2) * R + run) * 2 + (fromStart ? 1 : 0);
  // Every transition once, as a table: state code × (type + 1) → the next state's code, −1 when a rule forbids it.
  const codes = (C + 2) * R * 2;
  const step = new Int32Array(codes * (T + 1)).fill(-1);
  for (let last = -2; last < C; last++)
    for (let run = 0; run < R; run++)
      for (const fromStart of [false, true])
        for (let t = -1; t < T; t++) {
          const s = next(last, run, fromStart, t);
          if (s) step[code(last, run, fromStart) * (T + 1) + t + 1] = code(s[0], s[1], s[2]);
        }
  const lastOf = (c: number) => Math.floor(c / (2 * R)) - 2;
  const runOf = (c: number) => Math.floor(c / 2) % R;
  /** Working t on day d after `last` starts a weekend (see the forward pass). */
  const startsWeekend = (d: number, last: number) => trackWeekends && (weekday(d) === 6 || (weekday(d) === 7 && d > 0 && last < 0));
  const size = (C + 2) * R * 2 * W;
  // Prices on the minutes: the bound with λ a minute added to each shift's cost, less λ times the minutes the state may
  // still work (λ > 0: at most the maximum left; λ < 0, at least the minimum left), is a bound too, and one that sees
  // a worker's band of minutes. Without them the narrow pass, ranking by a bound that lets every state work every day
  // left, keeps states that took the cheapest days first and ends far from the least roster (Instance 13 at the column
  // generation's settled duals: −13.5 against −156 for one worker).
  const minutesOf = Float64Array.from(types, (t) => t.minutes);
  let gain = 0;
  let loss = 0;
  for (let d = 0; d < h; d++)
    for (let t = 0; t < T; t++)
      if (costs[d][t] !== Infinity) {
        gain = Math.max(gain, -costs[d][t] / minutesOf[t]);
        loss = Math.max(loss, costs[d][t] / minutesOf[t]);
      }
  const lambdas = [0, ...[0.125, 0.25, 0.5, 1].map((f) => f * gain).filter((l) => l > 0), ...[0.25, 1].map((f) => -f * loss).filter((l) => l < 0)];
  const L = lambdas.length;
  /** toGo[d][state * L + k]: the least cost of the days after d with λ_k a minute added. */
  const toGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size * L).fill(Infinity));
  // And the most and least minutes the days left can add (a state that cannot reach the minimum, or must pass the
  // maximum, is dead: with a tight band of minutes the narrow pass otherwise keeps only such states, Instance 8).
  const mostToGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size).fill(-Infinity));
  const leastToGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size).fill(Infinity));
  toGo[h - 1].fill(0);
  mostToGo[h - 1].fill(0);
  leastToGo[h - 1].fill(0);
  for (let d = h - 2; d >= 0; d--) {
    const cost1 = costs[d + 1];
    const [go1, most1, least1] = [toGo[d + 1], mostToGo[d + 1], leastToGo[d + 1]];
    const [go, most, least] = [toGo[d], mostToGo[d], leastToGo[d]];
    for (let last = -1; last < C; last++) {
      const weekendStep = startsWeekend(d + 1, last) ? 1 : 0;
      for (let run = 1; run < R; run++)
        for (const fromStart of [false, true]) {
          const from = code(last, run, fromStart);
          for (let t = -1; t < T; t++) {
            const c0 = t >= 0 ? cost1[t] : 0;
            if (c0 === Infinity) continue;
            const s = step[from * (T + 1) + t + 1];
            if (s < 0) continue;
            const inc = t >= 0 ? weekendStep : 0;
            const m = t >= 0 ? minutesOf[t] : 0;
            for (let wk = 0; wk + inc < W; wk++) {
              const i = s * W + wk + inc;
              const j = from * W + wk;
              for (let k = 0; k < L; k++) {
                const v = c0 + lambdas[k] * m + go1[i * L + k];
                if (v < go[j * L + k]) go[j * L + k] = v;
              }
              if (m + most1[i] > most[j]) most[j] = m + most1[i];
              if (m + least1[i] < least[j]) least[j] = m + least1[i];
            }
          }
        }
    }
  }

  const nLimited = limited.length;
  const search = (limit: number, beam: number): Label | null | undefined => {
    let labels: Label[] = [{ cost: 0, code: code(-2, 0, true), type: -1, minutes: 0, weekends: 0, counts: new Array<number>(nLimited).fill(0), parent: null, score: 0, rank: 0 }];
    for (let d = 0; d < h; d++) {
      const bound = toGo[d];
      const most = mostToGo[d];
      const least = leastToGo[d];
      // States alike in (last, run, fromStart) and minutes, by state code then minutes: cost, weekends and counts decide.
      const buckets: (Map<number, Label[]> | undefined)[] = new Array(codes);
      const lists: Label[][] = [];
      const push = (l: Label) => {
        const i = l.code * W + (trackWeekends ? l.weekends : 0);
        let toCome = bound[i * L];
        for (let k = 1; k < L; k++) {
          const lambda = lambdas[k];
          const room = lambda > 0 ? worker.maxMinutes - l.minutes : Math.max(0, worker.minMinutes - l.minutes);
          const b = bound[i * L + k] - lambda * room;
          if (b > toCome) toCome = b;
        }
        const score = l.cost + toCome;
        if (score >= limit - 1e-9) return;
        if (l.minutes + most[i] < worker.minMinutes || l.minutes + least[i] > worker.maxMinutes) return;
        l.score = score;
        let byMinutes = buckets[l.code];
        if (!byMinutes) buckets[l.code] = byMinutes = new Map();
        let list = byMinutes.get(l.minutes);
        if (!list) {
          byMinutes.set(l.minutes, (list = [l]));
          lists.push(list);
          return;
        }
        for (const m of list) if (m.cost <= l.cost + 1e-9 && m.weekends <= l.weekends && noMore(m.counts, l.counts)) return;
        for (let i = list.length - 1; i >= 0; i--) {
          const m = list[i];
          if (l.cost <= m.cost + 1e-9 && l.weekends <= m.weekends && noMore(l.counts, m.counts)) list.splice(i, 1);
        }
        list.push(l);
      };
      const costOf = costs[d];
      for (const l of labels) {
        const from = l.code * (T + 1);
        const off = step[from];
        if (off >= 0) push({ cost: l.cost, code: off, type: -1, minutes: l.minutes, weekends: l.weekends, counts: l.counts, parent: l, score: 0, rank: 0 });
        // A weekend counts once: on its Saturday, or on its Sunday when the Saturday (in the horizon) was off.
        const weekendStart = startsWeekend(d, lastOf(l.code));
        if (weekendStart && l.weekends + 1 > worker.maxWeekends) continue;
        const weekends = weekendStart ? l.weekends + 1 : l.weekends;
        for (let t = 0; t < T; t++) {
          const c = costOf[t];
          if (c === Infinity) continue;
          const s = step[from + t + 1];
          if (s < 0) continue;
          const minutes = l.minutes + types[t].minutes;
          if (minutes > worker.maxMinutes) continue;
          let counts = l.counts;
          const k = slot[t];
          if (k >= 0) {
            if (counts[k] + 1 > limitOf[k]) continue;
            counts = counts.slice();
            counts[k]++;
          }
          push({ cost: l.cost + c, code: s, type: t, minutes, weekends, counts, parent: l, score: 0, rank: 0 });
        }
      }
      labels = [];
      for (const list of lists) for (const l of list) labels.push(l);
      if (labels.length === 0) return null;
      if (labels.length > beam) {
        // Ties (often: every cost 0) go to the states furthest from both limits of minutes: closest to the minimum
        // first, then furthest below the maximum; then to the state made first.
        const min = worker.minMinutes;
        labels.forEach((l, i) => (l.rank = i));
        const before = (a: Label, b: Label) => a.score - b.score || Math.max(0, min - a.minutes) - Math.max(0, min - b.minutes) || a.minutes - b.minutes || a.rank - b.rank;
        // The best state of every shape (working or not, run, weekends used) is kept first: the bound ignores the
        // minutes, so states alike in them can all be dead ends (a Friday begun with the maximum nearly reached).
        const bestOfShape = new Map<number, Label>();
        for (const l of labels) {
          const shape = ((lastOf(l.code) >= 0 ? 1 : 0) * R + runOf(l.code)) * W + (trackWeekends ? l.weekends : 0);
          const other = bestOfShape.get(shape);
          if (!other || before(l, other) < 0) bestOfShape.set(shape, l);
        }
        const first = [...bestOfShape.values()].sort(before);
        if (first.length >= beam) labels = first.slice(0, beam);
        else {
          const chosen = new Set(first);
          const rest = labels.filter((l) => !chosen.has(l));
          // Only the best of the rest are kept: selected, then sorted (a whole sort was a third of the time).
          selectSmallest(rest, beam - first.length, before);
          rest.length = Math.min(rest.length, beam - first.length);
          labels = [...first, ...rest.sort(before)];
        }
      }
      if (labels.length > (opts.maxLabels ?? Infinity)) return undefined;
    }
    let best: Label | null = null;
    for (const l of labels) if (l.minutes >= worker.minMinutes && (!best || l.cost < best.cost)) best = l;
    return best;
  };

  const below = opts.below ?? Infinity;
  // A narrow first pass for a roster to beat, then the exact one.
  const first = search(below, opts.beam ?? 100);
  if (opts.beam !== undefined) return first ? toRoster(first, false) : first;
  const exact = search(first ? first.cost + 1e-7 : below, Infinity);
  const best = exact === undefined ? first : exact;
  if (best === undefined) return undefined;
  if (!best) return exact === undefined ? undefined : null;
  return toRoster(best, exact !== undefined);

  function toRoster(label: Label, exact: boolean): WorkerRoster {
    const days = new Int8Array(h).fill(-1);
    let l: Label | null = label;
    for (let d = h - 1; d >= 0 && l; d--, l = l.parent) days[d] = l.type;
    return { days, cost: label.cost, exact };
  }
}
