import type { Config } from '../domain/config.js';
import type { DayOption } from '../domain/day-options.js';
import type { Rota } from '../domain/rota.js';
import type { MilpBackend } from '../../solver/backend.js';
import { planAstreinte } from '../../solver/astreinte.js';
import { highsThread } from '../../solver/backends/highs-thread.js';
import { monthWindows, solveRota, type PlanOptions, type RotaSolution } from '../../solver/solve-rota.js';
import { checkRota, type CheckResult } from '../rules/index.js';
import { assembleRota } from './assemble.js';
import { findGaps } from './gaps.js';
import { buildReport, type PlanReport } from './report-data.js';

export interface PlanRequest {
  config: Config;
  from: string;
  to: string;
  backend: MilpBackend;
  windowSeconds?: number;
  /** Solve time for the whole period, shared among its windows (`defaultStrategy` says when it is needed). */
  seconds?: number;
  /** How each window is solved; by default `defaultStrategy`'s choice. */
  strategy?: PlanOptions['strategy'];
  onProgress?: PlanOptions['onProgress'];
  history?: Map<string, DayOption>;
  locked?: Map<string, DayOption>;
  previous?: Map<string, string | null>;
  periodStart?: string;
}

export interface PlanResult {
  rota: Rota;
  report: PlanReport;
  check: CheckResult;
  solution: RotaSolution;
}

/**
 * Solve time the search gets by default: 52 s (a year in under 60 s with the astreinte and the check), and 4.3 s a
 * month beyond a year; a quarter gets the same 52 s, 17 s a month, since a shorter solve would only plan it worse.
 */
export const SEARCH_SECONDS = 52;
export const SEARCH_SECONDS_PER_MONTH = 52 / 12;

/**
 * Up to two months, each window is solved LP-guided to its proven optimum (seconds each); longer periods, whose months
 * cannot each get that time (a year would take minutes), by the search in a shared time (`SEARCH_SECONDS`), with a HiGHS
 * thread beside this one.
 */
export function defaultStrategy(from: string, to: string, backend: MilpBackend): { strategy: NonNullable<PlanOptions['strategy']>; seconds?: number } {
  const months = monthWindows(from, to).length;
  if (months <= 2 || backend.name !== 'highs') return { strategy: 'guided' };
  return { strategy: 'lns', seconds: Math.round(Math.max(SEARCH_SECONDS, SEARCH_SECONDS_PER_MONTH * months)) };
}

/** Astreinte, permanence rota, gaps with their reasons, then the independent check of the whole. */
export async function planPeriod(req: PlanRequest): Promise<PlanResult> {
  const { config, from, to } = req;
  if (to < from) throw new Error('to must not be before from');
  const t0 = performance.now();
  const auto = defaultStrategy(from, to, req.backend);
  const strategy = req.strategy ?? auto.strategy;
  // The search's second solver: a HiGHS thread, started now so that its warm-up overlaps the astreinte's solve.
  const parallel = strategy === 'lns' && req.backend.name === 'highs' ? highsThread() : undefined;
  const warmUp = parallel?.solve({ names: ['x'], lower: [0], upper: [1], cost: [1], integer: [true], rows: [], offset: 0, tags: [''], offsetTags: {} }, { timeLimitSeconds: 1 }).catch(() => null);
  try {
    const astreinte = await planAstreinte(config, from, to, req.backend);
    await warmUp;
    const solution = await solveRota(
      { config, from, to, history: req.history, locked: req.locked, previous: req.previous, periodStart: req.periodStart },
      {
        backend: req.backend,
        windowSeconds: req.windowSeconds,
        totalSeconds: req.seconds ?? (strategy === auto.strategy ? auto.seconds : undefined),
        strategy,
        parallel,
        onProgress: req.onProgress,
      },
    );
    // The thread's solver and its memory are not needed past the solve: the check, report and feeds after it are where
    // the process peaks (year 2027 by `npm run plan`: 512 and 565 MB with the thread still open).
    await parallel?.close();
    const gaps = [...findGaps(config, from, to, solution.chosen), ...astreinte.gaps];
    const rota = assembleRota({ config, from, to, chosen: solution.chosen, astreinte: astreinte.turns, gaps, locked: new Set(req.locked?.keys() ?? []) });
    const check = checkRota(config, rota);
    const report = buildReport(config, rota, solution, astreinte, check, (performance.now() - t0) / 1000);
    return { rota, report, check, solution };
  } finally {
    await parallel?.close();
  }
}

