import type { LinearModel } from './lp.js';

export interface SolveOptions {
  timeLimitSeconds: number;
  /** Relative gap at which the solve stops, as proven (1e-4 by default). */
  mipRelGap?: number;
  /** Absolute gap at which the solve stops (objective units); 0 by default. */
  mipAbsGap?: number;
  /** The solver's random seed, where it has one (two solves of one model with different seeds search differently). */
  randomSeed?: number;
  /** A starting solution (a previous plan), used where the backend accepts one. */
  start?: ArrayLike<number>;
  /** Stop once this many plans better than the start (or than the one before) are found, where the backend can. */
  improvingSolutions?: number;
  /** Look only for plans whose objective is at most this (a cutoff: none found means none exists), where the backend can. */
  cutoff?: number;
}

export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution' | 'error';

export interface SolveResult {
  status: SolveStatus;
  /** Objective of the solution found, recomputed from it (never the solver's own figure for loose auxiliaries). */
  objective: number;
  /** Best proven lower bound; equals the objective at a proven optimum. */
  bound: number;
  /** (objective − bound) / max(|objective|, 1). */
  gap: number;
  values: Float64Array;
  seconds: number;
  backend: string;
  message?: string;
  /** Row duals of a linear programme solved to optimality (HiGHS only): reduced cost of a column = cost − Σ dual·coefficient. */
  duals?: Float64Array;
}

/**
 * A linear programme kept between solves, where the backend can (HiGHS): columns appended or bounds changed, it
 * re-solves from its last basis instead of from scratch (a column generation's master: hundreds of rounds).
 */
export interface IncrementalLp {
  /** Appends columns, each with its cost, bounds and (row, coefficient) entries; their indices follow the last ones. */
  addColumns(columns: { cost: number; lower: number; upper: number; entries: [number, number][] }[]): void;
  setBounds(column: number, lower: number, upper: number): void;
  /**
   * Removes those of `columns` (increasing indices) that are not basic, so the basis stays whole; the later columns move
   * down. Returns the columns removed, in the same indices.
   */
  deleteColumns?(columns: number[]): number[];
  /** The LP from the last basis: values of every column so far, row duals when optimal. */
  solve(opts: SolveOptions): Promise<SolveResult>;
  dispose(): void;
}

export interface MilpBackend {
  name: string;
  solve(model: LinearModel, opts: SolveOptions): Promise<SolveResult>;
  /** A persistent LP starting as `model` (its integrality ignored), when the backend has one. */
  incrementalLp?(model: LinearModel): Promise<IncrementalLp>;
}

export function relativeGap(objective: number, bound: number): number {
  return Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1);
}
