import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highsBackend } from '../../solver/backends/highs.js';
import { maxViolation, objectiveOf } from '../../solver/lp.js';
import { buildShiftModel, type ShiftProblem } from '../../solver/shift-model.js';
import { cheapestRoster } from '../../solver/shift-pricing.js';

const seed = Number(process.env.FC_SEED ?? 2014);

/** One worker with random rules of every kind the shift model has, and random day costs. */
const workerArb = fc
  .record({
    days: fc.integer({ min: 5, max: 16 }),
    firstWeekday: fc.integer({ min: 1, max: 7 }),
    types: fc.integer({ min: 1, max: 3 }),
    minutes: fc.array(fc.constantFrom(240, 480, 600), { minLength: 3, maxLength: 3 }),
    follow: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    limits: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
    minShifts: fc.integer({ min: 0, max: 8 }),
    spread: fc.integer({ min: 0, max: 6 }),
    maxRun: fc.integer({ min: 1, max: 6 }),
    minRun: fc.integer({ min: 1, max: 3 }),
    minOff: fc.integer({ min: 1, max: 3 }),
    maxWeekends: fc.integer({ min: 0, max: 3 }),
    unavailable: fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 4 }),
    costs: fc.array(fc.integer({ min: -60, max: 40 }), { minLength: 48, maxLength: 48 }),
  })
  .map((r): { problem: ShiftProblem; cost: (d: number, t: number) => number } => {
    const ids = ['D', 'E', 'L'].slice(0, r.types);
    const problem: ShiftProblem = {
      days: r.days,
      firstWeekday: r.firstWeekday,
      shiftTypes: ids.map((id, i) => ({ id, minutes: r.minutes[i], cannotFollow: ids.filter((_, j) => r.follow[i * 3 + j]) })),
      workers: [
        {
          id: 'A',
          maxByType: Object.fromEntries(ids.map((id, i) => [id, r.limits[i]])),
          minMinutes: r.minShifts * 240,
          maxMinutes: (r.minShifts + r.spread) * 480,
          maxConsecutive: r.maxRun,
          minConsecutive: Math.min(r.minRun, r.maxRun),
          minConsecutiveOff: r.minOff,
          maxWeekends: r.maxWeekends,
          unavailable: r.unavailable.filter((d) => d < r.days),
        },
      ],
      cover: [],
      preferences: [],
    };
    return { problem, cost: (d, t) => r.costs[(d * 3 + t) % 48] };
  });

describe('the pricing programme of one worker', () => {
  it('should find the least-cost roster the worker model allows, as HiGHS does on that model, and a lawful one', async () => {
    await fc.assert(
      fc.asyncProperty(workerArb, async ({ problem, cost }) => {
        let built: ReturnType<typeof buildShiftModel>;
        try {
          built = buildShiftModel(problem);
        } catch {
          // No variable left for a minimum (every type at 0): the model itself cannot hold, nor can any roster.
          expect(cheapestRoster(problem, 0, cost)).toBeNull();
          return;
        }
        const m = { ...built.model, cost: [...built.model.cost] };
        built.x[0].forEach((vs, d) => vs.forEach((v, t) => v >= 0 && (m.cost[v] = cost(d, t))));
        const milp = await highsBackend.solve(m, { timeLimitSeconds: 20, mipRelGap: 1e-9, mipAbsGap: 1e-7 });
        const dp = cheapestRoster(problem, 0, cost);
        if (milp.status === 'infeasible') {
          expect(dp).toBeNull();
          return;
        }
        expect(milp.status).toBe('optimal');
        expect(dp).toBeTruthy();
        expect(dp!.exact).toBe(true);
        expect(dp!.cost).toBeCloseTo(milp.objective, 6);
        // The roster itself: every rule of the model holds, and its cost is what the programme says.
        const values = new Float64Array(m.names.length);
        dp!.days.forEach((t, d) => t >= 0 && (values[built.x[0][d][t]] = 1));
        const withAux = await highsBackend.solve({ ...m, lower: m.lower.map((l, j) => (built.x[0].flat().includes(j) ? values[j] : l)), upper: m.upper.map((u, j) => (built.x[0].flat().includes(j) ? values[j] : u)) }, { timeLimitSeconds: 20 });
        expect(withAux.status).toBe('optimal');
        expect(maxViolation(m, withAux.values)).toBeLessThan(1e-6);
        expect(objectiveOf(m, withAux.values)).toBeCloseTo(dp!.cost, 6);
      }),
      { numRuns: 150, seed },
    );
  }, 120_000);

  it('should say there is none below a threshold under the least cost, and find it above', () => {
    const { problem, cost } = fc.sample(workerArb, { numRuns: 40, seed }).find((x) => cheapestRoster(x.problem, 0, x.cost))!;
    const least = cheapestRoster(problem, 0, cost)!;
    expect(cheapestRoster(problem, 0, cost, { below: least.cost - 1e-6 })).toBeNull();
    expect(cheapestRoster(problem, 0, cost, { below: least.cost + 1 })!.cost).toBeCloseTo(least.cost, 9);
  });
});
