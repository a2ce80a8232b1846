import type { Config } from '../src/domain/config.js';
import { dayType } from '../src/domain/calendar.js';
import type { DayOption } from '../src/domain/day-options.js';
import { addDays, eachDate, mondayOf, subtract, totalLength, union, type IsoDate } from '../src/domain/time.js';
import type { MilpBackend } from './backend.js';
import { buildRotaModel, requiredWindows } from './rota-model.js';
import { dayWindows, solveRota } from './solve-rota.js';

/**
 * The least FTE of rota workers that holds the permanence and the Saturday doublure with every working-time rule:
 * the permanence model with each worker of the pool as a keep-or-not decision.
 *
 * Costs are lexicographic by scale: an uncovered minute costs more than the whole pool, a kept FTE costs more than
 * all the meetings a window can miss, so the model covers first, then saves staff, then keeps people in meetings.
 */
export const COST_PER_FTE = 100_000;
const UNCOVERED_MINUTE = 5_000_000;
const MISSED_MEETING = 500;

export interface StaffingRequest {
  config: Config;
  /** Whole weeks are solved: from the Monday on or before `from` to the Sunday on or after `to`. */
  from: IsoDate;
  to: IsoDate;
  /** Ids of the rota workers that are decisions (the pool); everyone else stays. */
  pool: string[];
  backend: MilpBackend;
  windowSeconds: number;
  /** Length of a window, whole weeks (28 by default). */
  windowDays?: number;
  onProgress?: (e: { pass: 'bound' | 'plan'; window: number; windows: number; from: IsoDate; to: IsoDate }) => void;
}

export interface StaffingWindow {
  from: IsoDate;
  to: IsoDate;
  /** FTE the relaxation needs at least (the solver's proven bound). */
  lowerBound: number;
  /** FTE the relaxation keeps in the best solution found. */
  alone: number;
  status: string;
}

export interface StaffingResult {
  from: IsoDate;
  to: IsoDate;
  poolFte: number;
  /** Kept workers with the first window that needed them, in order; the rest of the pool is not needed. */
  kept: { personId: string; fte: number; from: IsoDate }[];
  notNeeded: string[];
  /** The least FTE found: a plan of the whole period holds the rota with these workers. */
  minFte: number;
  /** No staffing below this holds every window (the largest of the windows' bounds). */
  lowerBound: number;
  gap: number;
  /** Opening minutes left uncovered even with the kept workers (0 when the pool suffices), and Saturdays without doublure. */
  uncoveredMinutes: number;
  missingDoublures: number;
  windows: StaffingWindow[];
  seconds: number;
}

/** A missing doublure weighs what it weighs in planning, in uncovered minutes: both models trade them alike. */
const missingDoublureCost = (config: Config) => UNCOVERED_MINUTE * (config.weights.missingDoublure / Math.max(config.weights.uncoveredMinute, 1e-9));

/** The staffing what-if weights: coverage, then staff, then meetings; contract hours and fairness do not count here. */
export function staffingConfig(config: Config, meetings = true): Config {
  return {
    ...config,
    wishes: [],
    weights: {
      ...config.weights,
      uncoveredMinute: UNCOVERED_MINUTE,
      missingDoublure: missingDoublureCost(config),
      missedMeeting: meetings ? MISSED_MEETING : 0,
      contractHour: 0,
      fairness: 0,
      wish: 0,
      stabilityChange: 0,
      permanenceSpread: 0,
      eveningDuty: 0,
      weekendDuty: 0,
    },
  };
}

export async function minimumStaffing(req: StaffingRequest): Promise<StaffingResult> {
  const t0 = performance.now();
  const from = mondayOf(req.from);
  const to = addDays(mondayOf(req.to), 6);
  const people = new Map(req.config.people.map((p) => [p.id, p]));
  for (const id of req.pool) if (!people.get(id)?.onRota) throw new Error(`pool: "${id}" is not a rota worker`);
  const fte = (id: string) => people.get(id)!.fte;
  const poolFte = req.pool.reduce((s, id) => s + fte(id), 0);
  const cost = new Map(req.pool.map((id) => [id, Math.round(fte(id) * COST_PER_FTE)]));
  const windows = dayWindows(from, to, req.windowDays ?? 28);

  // The bound: the whole period as one model with every pool worker a decision and each day's choice relaxed to a
  // fraction. Any staffing that holds the period holds this relaxation, so none can go below its bound; the workers
  // it keeps are where the plan starts.
  req.onProgress?.({ pass: 'bound', window: 1, windows: 1, from, to });
  const relaxed = buildRotaModel({ config: staffingConfig(req.config, false), from, to, periodStart: from, history: new Map(), locked: new Map(), optional: cost });
  for (const x of relaxed.optionVars) relaxed.builder.m.integer[x.v] = false;
  const r = await req.backend.solve(relaxed.builder.m, { timeLimitSeconds: req.windowSeconds * 4, mipRelGap: 1e-9, mipAbsGap: COST_PER_FTE / 100 });
  // A shortage nobody can fill costs the same for any staffing; it comes off the bound only when the solve has
  // proven it minimal (objective and bound closer than one uncovered minute), else the bound is the shortage-free one.
  const shortage = relaxed.coverSlack.reduce((s, c) => s + r.values[c.v] * (c.window.end - c.window.start), 0) * UNCOVERED_MINUTE + relaxed.doublureSlack.reduce((s, d) => s + r.values[d.v], 0) * missingDoublureCost(req.config);
  const proven = Number.isFinite(r.bound) && r.objective - r.bound < UNCOVERED_MINUTE;
  const relaxedBound = proven ? Math.min(poolFte, Math.max(0, (r.bound - shortage) / COST_PER_FTE)) : 0;
  const start = relaxed.optionalVars.filter((o) => r.values[o.v] > 0.5).map((o) => o.personId);
  const bounds: StaffingWindow[] = [{ from, to, lowerBound: round(relaxedBound), alone: round(start.reduce((s, id) => s + fte(id), 0)), status: r.status }];

  // The plan: windows in order, each carrying the days before it; a worker once kept stays.
  let w = 0;
  const optional = new Map([...cost].filter(([id]) => !start.includes(id)));
  const plan = await solveRota(
    { config: staffingConfig(req.config), from, to, optional },
    {
      backend: req.backend,
      windowSeconds: req.windowSeconds,
      windowDays: req.windowDays ?? 28,
      mipRelGap: 1e-9,
      mipAbsGap: COST_PER_FTE / 100,
      onProgress: (e) => req.onProgress?.({ pass: 'plan', window: ++w, windows: e.windows, from: e.from, to: e.to }),
    },
  );
  const kept = [...start.map((id) => ({ personId: id, fte: fte(id), from })), ...plan.kept.map((k) => ({ personId: k.personId, fte: fte(k.personId), from: k.from }))];
  const others = req.config.people.filter((p) => p.onRota && !cost.has(p.id)).reduce((s, p) => s + p.fte, 0);
  const minFte = others + kept.reduce((s, k) => s + k.fte, 0);
  const lowerBound = others + Math.max(0, ...bounds.map((b) => b.lowerBound));
  return {
    from,
    to,
    poolFte,
    kept,
    notNeeded: req.pool.filter((id) => !kept.some((k) => k.personId === id)),
    minFte: round(minFte),
    lowerBound: round(Math.min(lowerBound, minFte)),
    gap: minFte > 0 ? Math.max(0, minFte - lowerBound) / minFte : 0,
    ...shortfall(req.config, from, to, plan.chosen),
    windows: bounds,
    seconds: (performance.now() - t0) / 1000,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** What the chosen days leave open, recomputed from the days themselves. */
export function shortfall(config: Config, from: IsoDate, to: IsoDate, chosen: DayOption[]): { uncoveredMinutes: number; missingDoublures: number } {
  let uncoveredMinutes = 0;
  let missingDoublures = 0;
  for (const date of eachDate(from, to)) {
    const today = chosen.filter((o) => o.date === date);
    uncoveredMinutes += totalLength(subtract(requiredWindows(date, config), union(today.flatMap((o) => o.cover))));
    missingDoublures += Math.max(0, config.doublure[dayType(date, config)] - today.filter((o) => o.doublure).length);
  }
  return { uncoveredMinutes, missingDoublures };
}
