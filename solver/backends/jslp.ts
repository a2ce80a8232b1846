import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { MilpBackend, SolveOptions, SolveResult } from '../backend.js';
import { relativeGap } from '../backend.js';
import { maxViolation, objectiveOf, type LinearModel } from '../lp.js';

/**
 * javascript-lp-solver is synchronous and checks its timeout only between branch-and-bound nodes, so it runs in a
 * worker thread that is terminated at the time limit.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const solver = require(workerData.path);
parentPort.postMessage(solver.Solve(workerData.model));
`;

function toJslp(model: LinearModel, timeLimitSeconds: number, gap: number) {
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, number> = {};
  const col = (j: number) => `c${j}`;
  model.names.forEach((_, j) => {
    variables[col(j)] = { cost: model.cost[j] };
    if (model.integer[j]) ints[col(j)] = 1;
    if (model.upper[j] !== Infinity) {
      constraints[`ub${j}`] = { max: model.upper[j] };
      variables[col(j)][`ub${j}`] = 1;
    }
    if (model.lower[j] > 0) {
      constraints[`lb${j}`] = { min: model.lower[j] };
      variables[col(j)][`lb${j}`] = 1;
    }
  });
  model.rows.forEach((r, i) => {
    const name = `r${i}`;
    constraints[name] = r.lb === r.ub ? { equal: r.lb } : { ...(r.lb > -Infinity ? { min: r.lb } : {}), ...(r.ub < Infinity ? { max: r.ub } : {}) };
    for (const [j, c] of r.terms) variables[col(j)][name] = c;
  });
  return { optimize: 'cost', opType: 'min', constraints, variables, ints, options: { timeout: timeLimitSeconds * 1000, tolerance: gap } };
}

export const jslpBackend: MilpBackend = {
  name: 'javascript-lp-solver',
  solve(model: LinearModel, opts: SolveOptions): Promise<SolveResult> {
    const t0 = performance.now();
    const path = createRequire(import.meta.url).resolve('javascript-lp-solver');
    const fail = (status: SolveResult['status'], message: string): SolveResult => ({
      status,
      objective: NaN,
      bound: NaN,
      gap: NaN,
      values: new Float64Array(0),
      seconds: (performance.now() - t0) / 1000,
      backend: 'javascript-lp-solver',
      message,
    });
    return new Promise((resolve) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { path, model: toJslp(model, opts.timeLimitSeconds, opts.mipRelGap ?? 1e-4) } });
      const timer = setTimeout(() => {
        void worker.terminate();
        resolve(fail('no-solution', `no result within ${opts.timeLimitSeconds} s (worker terminated)`));
      }, opts.timeLimitSeconds * 1000 + 2000);
      worker.once('error', (e) => {
        clearTimeout(timer);
        resolve(fail('error', e.message));
      });
      worker.once('message', (r: Record<string, number | boolean>) => {
        clearTimeout(timer);
        void worker.terminate();
        if (!r.feasible) return resolve(fail('infeasible', 'infeasible'));
        const x = new Float64Array(model.names.length);
        model.names.forEach((_, j) => (x[j] = Number(r[`c${j}`] ?? 0)));
        if (maxViolation(model, x) > 1e-6) return resolve(fail('no-solution', 'solution returned violates the model'));
        const objective = objectiveOf(model, x);
        // The library reports no proven bound: only a finished search (not cut by its timeout) is taken as optimal.
        const optimal = r.isIntegral !== false && (performance.now() - t0) / 1000 < opts.timeLimitSeconds;
        resolve({
          status: optimal ? 'optimal' : 'feasible',
          objective,
          bound: optimal ? objective : -Infinity,
          gap: optimal ? 0 : relativeGap(objective, -Infinity),
          values: x,
          seconds: (performance.now() - t0) / 1000,
          backend: 'javascript-lp-solver',
        });
      });
    });
  },
};
