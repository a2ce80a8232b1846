import { z } from 'zod';
import { parseConfig, type Config, type ConfigInput } from '../domain/config.js';
import type { MilpBackend } from '../../solver/backend.js';
import { planPeriod } from '../planning/plan.js';
import { solveRota } from '../../solver/solve-rota.js';
import { shortfall, staffingConfig } from '../../solver/staffing.js';

/** A staffing scenario: the team as it is, one rota worker fewer, or a worker added. */
export const ScenarioChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('current') }),
  z.object({ kind: z.literal('remove'), personId: z.string().min(1) }),
  z.object({ kind: z.literal('add'), fte: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'), team: z.enum(['nord', 'sud', 'transversal']).optional(), role: z.enum(['es', 'as', 'eje']).default('es') }),
]);
export type ScenarioChange = z.infer<typeof ScenarioChangeSchema>;

export interface ScenarioFigures {
  label: string;
  change: ScenarioChange;
  rotaWorkers: number;
  rotaFte: number;
  /** The least opening time any plan leaves uncovered with this team, and Saturdays without doublure. */
  uncoveredHours: number;
  doublureGaps: number;
  /** What the full plan (time-limited, fairness included) left. */
  planned: { uncoveredHours: number; doublureGaps: number };
  /** Per FTE over the rota workers: the mean, and the most loaded person. */
  eveningsPerFte: { mean: number; max: number };
  weekendsPerFte: { mean: number; max: number };
  hardViolations: number;
  seconds: number;
}

export const RENFORT_ID = 'renfort';

/** Labels the cheffe reads in the table. */
export function scenarioLabel(change: ScenarioChange, config: Config): string {
  if (change.kind === 'current') return 'équipe actuelle';
  if (change.kind === 'remove') return `−1 (sans ${config.people.find((p) => p.id === change.personId)?.name ?? change.personId})`;
  return `+${String(change.fte).replace('.', ',')} ETP (${change.role.toUpperCase()} ${change.team ?? 'équipe la moins dotée'})`;
}

/** The configuration of a scenario; a removed worker's absences and wishes go with them. */
export function scenarioConfig(input: ConfigInput, change: ScenarioChange): ConfigInput {
  if (change.kind === 'current') return input;
  const config = parseConfig(input);
  if (change.kind === 'remove') {
    const person = config.people.find((p) => p.id === change.personId);
    if (!person?.onRota) throw new ScenarioError('personId', `"${change.personId}" is not a rota worker`);
    return {
      ...input,
      people: input.people.filter((p) => p.id !== change.personId),
      absences: (input.absences ?? []).filter((a) => a.personId !== change.personId),
      wishes: (input.wishes ?? []).filter((w) => w.personId !== change.personId),
      meetings: (input.meetings ?? []).map((m) => ({ ...m, members: m.members.map((g) => (g.personIds ? { ...g, personIds: g.personIds.filter((id) => id !== change.personId) } : g)) })),
    };
  }
  const team = change.team ?? leastStaffedTeam(config);
  const model = config.people.find((p) => p.onRota && p.role === change.role) ?? config.people.find((p) => p.onRota)!;
  const renfort = { id: RENFORT_ID, name: 'Renfort (à recruter)', role: change.role, team, fte: change.fte, onRota: true, irregularRhythm: model.irregularRhythm };
  if (input.people.some((p) => p.id === RENFORT_ID)) throw new ScenarioError('change', `the team already has a person "${RENFORT_ID}"`);
  return { ...input, people: [...input.people, renfort] };
}

export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Nord or Sud, whichever has fewer rota FTE (Sud on a tie). */
export function leastStaffedTeam(config: Config): 'nord' | 'sud' {
  const fte = (t: string) => config.people.filter((p) => p.onRota && p.team === t).reduce((s, p) => s + p.fte, 0);
  return fte('nord') < fte('sud') ? 'nord' : 'sud';
}

/** −1 worker (the last full-time one of the better-staffed team), the team as it is, +0.5 and +1 FTE. */
export function defaultScenarios(config: Config): ScenarioChange[] {
  const rota = config.people.filter((p) => p.onRota);
  const other = leastStaffedTeam(config) === 'nord' ? 'sud' : 'nord';
  const removed = [...rota].reverse().find((p) => p.team === other && p.fte === 1) ?? rota.at(-1)!;
  return [{ kind: 'remove', personId: removed.id }, { kind: 'current' }, { kind: 'add', fte: 0.5, role: 'es' }, { kind: 'add', fte: 1, role: 'es' }];
}

/** Plans the period with the scenario's team and measures what the cheffe compares. */
export async function runScenario(input: ConfigInput, change: ScenarioChange, req: { from: string; to: string; backend: MilpBackend; windowSeconds: number; coverageSeconds?: number }): Promise<ScenarioFigures> {
  const config = parseConfig(scenarioConfig(input, change));
  const t0 = performance.now();
  // The shortage is the least any plan can leave with this team (coverage alone, solved to its proof), so that a
  // scenario is not judged on a time-limited solve; the load per FTE comes from the full plan, fairness included.
  const least = await solveRota({ config: staffingConfig(config), from: req.from, to: req.to }, { backend: req.backend, windowSeconds: req.coverageSeconds ?? 30, windowDays: 28, mipAbsGap: 1 });
  const open = shortfall(config, req.from, req.to, least.chosen);
  const { report, check } = await planPeriod({ config, from: req.from, to: req.to, backend: req.backend, windowSeconds: req.windowSeconds });
  const rota = config.people.filter((p) => p.onRota);
  const figures = report.people.filter((p) => rota.some((r) => r.id === p.personId));
  const perFte = (f: (p: (typeof figures)[number]) => number) => {
    const ratios = figures.map((p) => f(p) / p.fte);
    return { mean: round(figures.reduce((s, p) => s + f(p), 0) / figures.reduce((s, p) => s + p.fte, 0)), max: round(Math.max(...ratios)) };
  };
  return {
    label: scenarioLabel(change, parseConfig(input)),
    change,
    rotaWorkers: rota.length,
    rotaFte: round(rota.reduce((s, p) => s + p.fte, 0)),
    uncoveredHours: round(open.uncoveredMinutes / 60),
    doublureGaps: open.missingDoublures,
    planned: { uncoveredHours: round(report.coverage.gapMinutes / 60), doublureGaps: report.coverage.doublureGaps },
    eveningsPerFte: perFte((p) => p.evenings),
    weekendsPerFte: perFte((p) => p.weekends),
    hardViolations: check.hard,
    seconds: (performance.now() - t0) / 1000,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
