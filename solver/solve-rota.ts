import type { Config } from '../src/domain/config.js';
import type { DayOption } from '../src/domain/day-options.js';
import { addDays, daysBetween, type IsoDate } from '../src/domain/time.js';
import type { MilpBackend, SolveResult } from './backend.js';
import { solveGuided } from './guided.js';
import { solveRotaLns, type Cell } from './rota-lns.js';
import { objectiveBreakdown } from './lp.js';
import { buildRotaModel, key, type BuiltModel, type RotaProblem } from './rota-model.js';

/** Each option's binary with its person and day as indices (the neighbourhoods of the search). */
export function cellsOf(built: BuiltModel): Cell[] {
  const people = new Map<string, number>();
  const days = new Map(built.dates.map((d, i) => [d, i]));
  return built.optionVars.map((x) => ({ v: x.v, person: people.get(x.option.personId) ?? people.set(x.option.personId, people.size).size - 1, day: days.get(x.option.date)! }));
}

export interface WindowReport {
  from: IsoDate;
  to: IsoDate;
  status: SolveResult['status'];
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  variables: number;
  rows: number;
  breakdown: Record<string, number>;
  /** Uncovered minutes the model had to leave (coverage slack, plus time no shift template covers). */
  uncoveredMinutes: number;
}

export interface RotaSolution {
  chosen: DayOption[];
  /** Optional people kept, with the first day of the window that needed them (staffing what-ifs). */
  kept: { personId: string; from: IsoDate }[];
  windows: WindowReport[];
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  backend: string;
  /** How the windows were solved, and their days of look-ahead. */
  strategy: NonNullable<PlanOptions['strategy']>;
  overlapDays: number;
}

export interface PlanOptions {
  backend: MilpBackend;
  /** Time limit of each window's solve. */
  windowSeconds?: number;
  /**
   * Time for all the windows together: each gets an equal share of what is left (at most `windowSeconds`), so a window
   * that ends early leaves its time to the next ones.
   */
  totalSeconds?: number;
  mipRelGap?: number;
  mipAbsGap?: number;
  /** Days of look-ahead solved with each window and then dropped (the seams between windows): 7, or 3 with 'lns'. */
  overlapDays?: number;
  /** Fixed-length windows instead of calendar months. */
  windowDays?: number;
  /**
   * 'guided' (default): the LP relaxation's bound, then the model with what the relaxation sets to 1 fixed, the full
   * model only if that falls short (solver/guided.ts); 'direct': the full model alone; 'lns': a search in the window's
   * time (solver/rota-lns.ts), for periods whose windows cannot each be given the time to be proven.
   */
  strategy?: 'guided' | 'direct' | 'lns';
  /** A second solver (a HiGHS thread) for 'lns': the bound and half the neighbourhoods are solved there. */
  parallel?: MilpBackend;
  onProgress?: (e: { window: number; windows: number; from: IsoDate; to: IsoDate; status: string; seconds: number; gap: number }) => void;
}

/** Windows of a fixed number of days covering [from, to]. */
export function dayWindows(from: IsoDate, to: IsoDate, days: number): [IsoDate, IsoDate][] {
  const out: [IsoDate, IsoDate][] = [];
  for (let start = from; start <= to; start = addDays(start, days)) out.push([start, addDays(start, days - 1) < to ? addDays(start, days - 1) : to]);
  return out;
}

/** Month windows covering [from, to]: whole calendar months, cut at the ends. */
export function monthWindows(from: IsoDate, to: IsoDate): [IsoDate, IsoDate][] {
  const out: [IsoDate, IsoDate][] = [];
  let start = from;
  while (start <= to) {
    const nextMonth = addDays(`${start.slice(0, 7)}-01`, 32).slice(0, 7) + '-01';
    const end = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    out.push([start, end]);
    start = addDays(end, 1);
  }
  return out;
}

/**
 * With a time for all the windows, a search window whose plan is still more than EXTENSION_GAP above its bound when
 * its time is up, and still gaining, goes on for EXTENSION of its time again, as long as the windows after it keep
 * KEPT_SHARE of the share they had. Year 2027 in 52 s, eighteen interleaved pairs: 0.44–1.54 %, mean 0.81 %, fourteen
 * under 1 %; without, 0.65–1.38 %, mean 0.96 %, ten under 1 %.
 */
const EXTENSION = 0.5;
const EXTENSION_GAP = 0.05;
const KEPT_SHARE = 0.9;

/**
 * Solves [from, to] month by month: each month with a look-ahead, its decisions then fixed as history for the next.
 * Each window is a MILP solved to its proven optimum (or the time limit); the report keeps each window's bound.
 */
export async function solveRota(
  base: {
    config: Config;
    from: IsoDate;
    to: IsoDate;
    periodStart?: IsoDate;
    history?: Map<string, DayOption>;
    locked?: Map<string, DayOption>;
    previous?: Map<string, string | null>;
    /** People who are a decision; once a window keeps one, they stay on the team for the windows after. */
    optional?: Map<string, number>;
  },
  opts: PlanOptions,
): Promise<RotaSolution> {
  const history = new Map(base.history ?? []);
  const chosen: DayOption[] = [];
  const kept: RotaSolution['kept'] = [];
  const optional = new Map(base.optional ?? []);
  const windows: WindowReport[] = [];
  const months = opts.windowDays ? dayWindows(base.from, base.to, opts.windowDays) : monthWindows(base.from, base.to);
  // With the search, a shorter look-ahead leaves more of the window's time to the days it decides (year 2027 in 55 s:
  // 0.84–1.38 % with 3 days, 1.36–1.99 % with 7).
  const overlap = opts.overlapDays ?? (opts.strategy === 'lns' ? 3 : 7);
  // A quarter or more: the last window levels the weekend counts (see RotaProblem.closesPeriod).
  const longPeriod = daysBetween(base.periodStart ?? base.from, base.to) + 1 >= 91;
  for (const [i, [ws, we]] of months.entries()) {
    const lookahead = addDays(we, overlap) < base.to ? addDays(we, overlap) : base.to;
    const problem: RotaProblem = {
      config: base.config,
      from: ws,
      to: lookahead,
      periodStart: base.periodStart ?? base.from,
      history,
      locked: base.locked ?? new Map(),
      previous: base.previous,
      optional,
      closesPeriod: lookahead === base.to && longPeriod,
    };
    const built = buildRotaModel(problem);
    const m = built.builder.m;
    const spent = windows.reduce((s, w) => s + w.seconds, 0);
    const share = opts.totalSeconds === undefined ? Infinity : Math.max(1, (opts.totalSeconds - spent) / (months.length - i));
    const solveOpts = { timeLimitSeconds: Math.min(opts.windowSeconds ?? 30, share), mipRelGap: opts.mipRelGap ?? 1e-4, mipAbsGap: opts.mipAbsGap };
    // A search window far from its bound and still gaining goes on, within what leaves the windows after it their share.
    const mine = solveOpts.timeLimitSeconds;
    const room = opts.totalSeconds === undefined ? 0 : opts.totalSeconds - spent - mine * (1 + KEPT_SHARE * (months.length - i - 1));
    const extension = opts.totalSeconds === undefined ? undefined : { seconds: Math.max(0, Math.min(EXTENSION * mine, room)), whileGap: EXTENSION_GAP };
    const r =
      opts.strategy === 'direct'
        ? await opts.backend.solve(m, solveOpts)
        : opts.strategy === 'lns'
          ? await solveRotaLns(opts.backend, m, cellsOf(built), { ...solveOpts, parallel: opts.parallel, extension })
          : await solveGuided(opts.backend, m, solveOpts);
    if (r.status !== 'optimal' && r.status !== 'feasible')
      throw new Error(`no plan found for ${ws} – ${lookahead} (${r.backend}: ${r.status}${r.message ? `, ${r.message}` : ''})`);
    for (const x of built.optionVars) {
      if (r.values[x.v] < 0.5 || x.option.date > we) continue;
      chosen.push(x.option);
      history.set(key(x.option.personId, x.option.date), x.option);
    }
    for (const o of built.optionalVars)
      if (r.values[o.v] > 0.5) {
        optional.delete(o.personId);
        kept.push({ personId: o.personId, from: ws });
      }
    const uncovered =
      built.coverSlack.reduce((s, c) => s + r.values[c.v] * (c.window.end - c.window.start), 0) +
      built.structuralGaps.reduce((s, g) => s + g.window.end - g.window.start, 0);
    windows.push({
      from: ws,
      to: lookahead,
      status: r.status,
      objective: r.objective,
      bound: r.bound,
      gap: r.gap,
      seconds: r.seconds,
      variables: m.names.length,
      rows: m.rows.length,
      breakdown: objectiveBreakdown(m, r.values),
      uncoveredMinutes: Math.round(uncovered),
    });
    opts.onProgress?.({ window: i + 1, windows: months.length, from: ws, to: we, status: r.status, seconds: r.seconds, gap: r.gap });
  }
  const objective = windows.reduce((s, w) => s + w.objective, 0);
  const bound = windows.reduce((s, w) => s + w.bound, 0);
  return {
    chosen,
    kept,
    windows,
    objective,
    bound,
    gap: Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1),
    seconds: windows.reduce((s, w) => s + w.seconds, 0),
    backend: opts.backend.name,
    strategy: opts.strategy ?? 'guided',
    overlapDays: overlap,
  };
}

