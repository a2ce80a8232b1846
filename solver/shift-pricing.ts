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
  /** Class of the type worked on the label's day (types alike in what may follow them), −1 off (−2 before the first day). */
  last: number;
  /** Type worked on the label's day, −1 off. */
  type: number;
  /** Length of the current run (of work when `last` ≥ 0, of rest otherwise), capped where it no longer matters. */
  run: number;
  /** The current run began on the horizon's first day (runs touching the ends are exempt from the minimums). */
  fromStart: boolean;
  minutes: number;
  weekends: number;
  /** Shifts worked per limited type (those whose maximum can bind). */
  counts: Int16Array;
  parent: Label | null;
}

export interface PricingOptions {
  /** Give up (undefined) when a day holds more states than this. */
  maxLabels?: number;
  /** Only rosters cheaper than this are wanted: null when there is none. */
  below?: number;
  /** A narrow pass alone, keeping this many of the most promising states a day (fast, not exact). */
  beam?: number;
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
  const index = (last: number, run: number, fromStart: boolean, weekends: number) => (((last + 2) * R + run) * 2 + (fromStart ? 1 : 0)) * W + (trackWeekends ? weekends : 0);
  /** Working t on day d after `last` starts a weekend (see the forward pass). */
  const startsWeekend = (d: number, last: number) => trackWeekends && (weekday(d) === 6 || (weekday(d) === 7 && d > 0 && last < 0));
  const size = (C + 2) * R * 2 * W;
  const toGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size).fill(Infinity));
  // And the most and least minutes the days left can add (a state that cannot reach the minimum, or must pass the
  // maximum, is dead: with a tight band of minutes the narrow pass otherwise keeps only such states, Instance 8).
  const mostToGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size).fill(-Infinity));
  const leastToGo: Float64Array[] = Array.from({ length: h }, () => new Float64Array(size).fill(Infinity));
  toGo[h - 1].fill(0);
  mostToGo[h - 1].fill(0);
  leastToGo[h - 1].fill(0);
  for (let d = h - 2; d >= 0; d--)
    for (let last = -1; last < C; last++)
      for (let run = 1; run < R; run++)
        for (const fromStart of [false, true])
          for (let wk = 0; wk < W; wk++) {
            let best = Infinity;
            let most = -Infinity;
            let least = Infinity;
            for (let t = -1; t < T; t++) {
              if (t >= 0 && costs[d + 1][t] === Infinity) continue;
              const s = next(last, run, fromStart, t);
              if (!s) continue;
              const wk1 = t >= 0 && startsWeekend(d + 1, last) ? wk + 1 : wk;
              if (wk1 >= W) continue;
              const i = index(s[0], s[1], s[2], wk1);
              const c = (t >= 0 ? costs[d + 1][t] : 0) + toGo[d + 1][i];
              if (c < best) best = c;
              const m = t >= 0 ? types[t].minutes : 0;
              if (m + mostToGo[d + 1][i] > most) most = m + mostToGo[d + 1][i];
              if (m + leastToGo[d + 1][i] < least) least = m + leastToGo[d + 1][i];
            }
            const i = index(last, run, fromStart, wk);
            toGo[d][i] = best;
            mostToGo[d][i] = most;
            leastToGo[d][i] = least;
          }

  const search = (limit: number, beam: number): Label | null | undefined => {
    let labels: Label[] = [{ cost: 0, last: -2, type: -1, run: 0, fromStart: true, minutes: 0, weekends: 0, counts: new Int16Array(limited.length), parent: null }];
    for (let d = 0; d < h; d++) {
      const buckets = new Map<string, Label[]>();
      const push = (l: Label) => {
        const i = index(l.last, l.run, l.fromStart, l.weekends);
        if (l.cost + toGo[d][i] >= limit - 1e-9) return;
        if (l.minutes + mostToGo[d][i] < worker.minMinutes || l.minutes + leastToGo[d][i] > worker.maxMinutes) return;
        const k = `${l.last}|${l.run}|${l.fromStart ? 1 : 0}|${l.minutes}`;
        let list = buckets.get(k);
        if (!list) buckets.set(k, (list = []));
        for (const m of list) if (m.cost <= l.cost + 1e-9 && m.weekends <= l.weekends && m.counts.every((c, i) => c <= l.counts[i])) return;
        for (let i = list.length - 1; i >= 0; i--) {
          const m = list[i];
          if (l.cost <= m.cost + 1e-9 && l.weekends <= m.weekends && l.counts.every((c, j) => c <= m.counts[j])) list.splice(i, 1);
        }
        list.push(l);
      };
      for (const l of labels) {
        const off = next(l.last, l.run, l.fromStart, -1);
        if (off) push({ ...l, last: off[0], type: -1, run: off[1], fromStart: off[2], parent: l });
        for (let t = 0; t < T; t++) {
          const c = costs[d][t];
          if (c === Infinity) continue;
          const s = next(l.last, l.run, l.fromStart, t);
          if (!s) continue;
          const minutes = l.minutes + types[t].minutes;
          if (minutes > worker.maxMinutes) continue;
          let counts = l.counts;
          if (slot[t] >= 0) {
            if (counts[slot[t]] + 1 > limitOf[slot[t]]) continue;
            counts = Int16Array.from(counts);
            counts[slot[t]]++;
          }
          let weekends = l.weekends;
          // A weekend counts once: on its Saturday, or on its Sunday when the Saturday (in the horizon) was off.
          if (startsWeekend(d, l.last) && ++weekends > worker.maxWeekends) continue;
          push({ cost: l.cost + c, last: s[0], type: t, run: s[1], fromStart: s[2], minutes, weekends, counts, parent: l });
        }
      }
      labels = [];
      for (const list of buckets.values()) labels.push(...list);
      if (labels.length === 0) return null;
      if (labels.length > beam) {
        const score = (l: Label) => l.cost + toGo[d][index(l.last, l.run, l.fromStart, l.weekends)];
        // Ties (often: every cost 0) go to the states furthest from both limits of minutes: closest to the minimum
        // first, then furthest below the maximum.
        const deficit = (l: Label) => Math.max(0, worker.minMinutes - l.minutes);
        labels.sort((a, b) => score(a) - score(b) || deficit(a) - deficit(b) || a.minutes - b.minutes);
        // The best state of every shape (working or not, run, weekends used) is kept first: the bound ignores the
        // minutes, so states alike in them can all be dead ends (a Friday begun with the maximum nearly reached).
        const kept: Label[] = [];
        const rest: Label[] = [];
        const shapes = new Set<number>();
        for (const l of labels) {
          const shape = ((l.last >= 0 ? 1 : 0) * R + l.run) * W + (trackWeekends ? l.weekends : 0);
          if (shapes.has(shape)) rest.push(l);
          else {
            shapes.add(shape);
            kept.push(l);
          }
        }
        labels = kept.length >= beam ? kept.slice(0, beam) : [...kept, ...rest.slice(0, beam - kept.length)];
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
