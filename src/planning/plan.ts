import type { Config } from '../domain/config.js';
import type { DayOption } from '../domain/day-options.js';
import type { Rota } from '../domain/rota.js';
import type { MilpBackend } from '../../solver/backend.js';
import { planAstreinte } from '../../solver/astreinte.js';
import { solveRota, type PlanOptions, type RotaSolution } from '../../solver/solve-rota.js';
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
  /** LP-guided (default) or the plain MILP for each window (solver/guided.ts). */
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

/** Astreinte, permanence rota, gaps with their reasons, then the independent check of the whole. */
export async function planPeriod(req: PlanRequest): Promise<PlanResult> {
  const { config, from, to } = req;
  if (to < from) throw new Error('to must not be before from');
  const t0 = performance.now();
  const astreinte = await planAstreinte(config, from, to, req.backend);
  const solution = await solveRota(
    { config, from, to, history: req.history, locked: req.locked, previous: req.previous, periodStart: req.periodStart },
    { backend: req.backend, windowSeconds: req.windowSeconds, strategy: req.strategy, onProgress: req.onProgress },
  );
  const gaps = [...findGaps(config, from, to, solution.chosen), ...astreinte.gaps];
  const rota = assembleRota({ config, from, to, chosen: solution.chosen, astreinte: astreinte.turns, gaps, locked: new Set(req.locked?.keys() ?? []) });
  const check = checkRota(config, rota);
  const report = buildReport(config, rota, solution, astreinte, check, (performance.now() - t0) / 1000);
  return { rota, report, check, solution };
}

