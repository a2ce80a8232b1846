import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MilpBackend, SolveOptions } from '../../solver/backend.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { solveGuided } from '../../solver/guided.js';
import { ModelBuilder, maxViolation, objectiveOf, type LinearModel } from '../../solver/lp.js';

/** A covering problem: pick items (cost c) so that each row's requirement is met. */
function cover(costs: number[], rows: { items: number[]; need: number }[]) {
  const b = new ModelBuilder();
  const x = costs.map((c, i) => b.binary(`x${i}`, c));
  rows.forEach((r, i) => b.ge(`r${i}`, r.items.map((j) => [x[j], 1]), r.need));
  return b.m;
}

describe('LP-guided solve', () => {
  it('ends in the restricted model, proven by the relaxation, when the relaxation is whole', async () => {
    // Each row needs its own cheapest item: the relaxation is already the optimum.
    const m = cover([1, 5, 2, 7], [{ items: [0, 1], need: 1 }, { items: [2, 3], need: 1 }]);
    const r = await solveGuided(highsBackend, m, { timeLimitSeconds: 10 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(3);
    expect(r.guided?.finish).toBe('restricted');
    expect(r.bound).toBeLessThanOrEqual(r.objective);
  });

  it('falls back to the full model when the relaxation is fractional, and still proves the optimum', async () => {
    // Odd cycle: every pair of neighbours needs one item; the relaxation takes ½ everywhere (1.5), the optimum is 2.
    const m = cover([1, 1, 1], [{ items: [0, 1], need: 1 }, { items: [1, 2], need: 1 }, { items: [0, 2], need: 1 }]);
    const r = await solveGuided(highsBackend, m, { timeLimitSeconds: 10 });
    expect(r.guided?.lpBound).toBeCloseTo(1.5);
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(2);
  });

  it('finds the same optimum as the plain solve on random covering problems, and a feasible plan', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 3, maxLength: 12 }).chain((costs) =>
          fc.record({
            costs: fc.constant(costs),
            rows: fc.array(fc.record({ items: fc.uniqueArray(fc.nat(costs.length - 1), { minLength: 2, maxLength: costs.length }), need: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 10 }),
          }),
        ),
        async ({ costs, rows }) => {
          const m = cover(costs, rows);
          const plain = await highsBackend.solve(m, { timeLimitSeconds: 10, mipRelGap: 0 });
          const guided = await solveGuided(highsBackend, m, { timeLimitSeconds: 10, mipRelGap: 0 });
          expect(guided.status).toBe('optimal');
          expect(maxViolation(m, guided.values)).toBeLessThan(1e-6);
          expect(guided.objective).toBeCloseTo(plain.objective, 6);
          expect(guided.bound).toBeLessThanOrEqual(guided.objective + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('looks first for a plan that meets the relaxation, with the binaries whose reduced cost rules them out fixed at 0', async () => {
    const calls: SolveOptions[] = [];
    const uppers: number[][] = [];
    const backend: MilpBackend = {
      name: 'spy',
      async solve(model, opts) {
        if (model.integer.some(Boolean)) {
          calls.push(opts);
          uppers.push(model.upper);
        }
        return highsBackend.solve(model, opts);
      },
    };
    // Items 1 and 3 cost 4 and 5 more than the item beside them: at 0 in the relaxation, and in any plan that meets it.
    const r = await solveGuided(backend, cover([1, 5, 2, 7], [{ items: [0, 1], need: 1 }, { items: [2, 3], need: 1 }]), { timeLimitSeconds: 10 });
    expect(r.status).toBe('optimal');
    expect(r.objective).toBe(3);
    expect(r.guided?.zeroed).toBe(2);
    expect(calls).toHaveLength(1);
    expect(calls[0].cutoff).toBeCloseTo(3, 3);
    expect(uppers[0]).toEqual([1, 0, 1, 0]);
  });

  describe('when no plan meets the relaxation and the restricted model runs out of time on its first try', () => {
    // highs, except that the search for a plan meeting the relaxation finds none (as HiGHS says when the cutoff leaves
    // no plan) and the first restricted solve after it stops early with every item taken (a poor plan) and the bound
    // given below, as a solve cut by its time limit does on the year's harder months.
    function pressed(boundOf: (m: LinearModel, plan: Float64Array, lp: number) => number) {
      const calls: { model: LinearModel; opts: SolveOptions }[] = [];
      let lp = NaN;
      let pressedOnce = false;
      const backend: MilpBackend = {
        name: 'pressed',
        async solve(model, opts) {
          calls.push({ model, opts });
          if (opts.cutoff !== undefined) return { status: 'infeasible', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds: 0, backend: 'pressed' };
          const r = await highsBackend.solve(model, opts);
          if (!model.integer.some(Boolean)) {
            lp = r.objective;
            return r;
          }
          if (pressedOnce) return r;
          pressedOnce = true;
          const plan = Float64Array.from(model.names, () => 1);
          const objective = objectiveOf(model, plan);
          return { ...r, status: 'feasible', objective, bound: boundOf(model, plan, lp), values: plan, gap: 1 };
        },
      };
      return { backend, calls };
    }
    const m = () => cover([1, 5, 2, 7], [{ items: [0, 1], need: 1 }, { items: [2, 3], need: 1 }]);

    it('goes on with the restricted model from its plan while its bound can still reach the relaxation', async () => {
      const { backend, calls } = pressed((_m, _p, lp) => lp);
      const r = await solveGuided(backend, m(), { timeLimitSeconds: 20 });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBe(3);
      expect(r.guided?.finish).toBe('restricted');
      expect(calls).toHaveLength(4);
      expect(calls[1].opts.cutoff).toBeDefined();
      expect(calls[3].model.lower).toEqual(calls[2].model.lower);
      expect(Array.from(calls[3].opts.start ?? [])).toEqual([1, 1, 1, 1]);
    });

    it('hands over to the full model when its bound is already above the relaxation', async () => {
      const { backend, calls } = pressed((model, plan) => objectiveOf(model, plan));
      const r = await solveGuided(backend, m(), { timeLimitSeconds: 20 });
      expect(r.status).toBe('optimal');
      expect(r.objective).toBe(3);
      expect(r.guided?.finish).toBe('full');
      expect(calls).toHaveLength(4);
      expect(calls[3].model.lower).toEqual(m().lower);
      expect(calls[3].model.upper).toEqual(m().upper);
    });
  });
});
