import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem, type CurtoisInstance } from '../../src/benchmarks/curtois.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { solveShiftProblem } from '../../solver/shift-model.js';
import { highsThread } from '../../solver/backends/highs-thread.js';
import { shiftColumnGeneration } from '../../solver/shift-colgen.js';
import { solveShiftLns } from '../../solver/shift-lns.js';

const seed = Number(process.env.FC_SEED ?? 2014);

/** Random small instances in the benchmark's own text format, so the reader is in the loop too. */
const instanceArb = fc
  .record({
    weeks: fc.integer({ min: 1, max: 2 }),
    types: fc.integer({ min: 1, max: 3 }),
    staff: fc.integer({ min: 2, max: 5 }),
    follow: fc.boolean(),
    minRun: fc.integer({ min: 1, max: 2 }),
    maxWeekends: fc.integer({ min: 0, max: 2 }),
    requests: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 }), fc.boolean()), { maxLength: 8 }),
    cover: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 42, maxLength: 42 }),
  })
  .map((r) => {
    const h = 7 * r.weeks;
    const ids = ['D', 'E', 'L'].slice(0, r.types);
    const staff = Array.from({ length: r.staff }, (_, i) => String.fromCharCode(65 + i));
    const lines = ['SECTION_HORIZON', String(h), '', 'SECTION_SHIFTS'];
    ids.forEach((t, i) => lines.push(`${t},${480 + 120 * i},${r.follow && i === ids.length - 1 && i > 0 ? ids[0] : ''}`));
    lines.push('', 'SECTION_STAFF');
    for (const s of staff) lines.push(`${s},${ids.map((t) => `${t}=${h}`).join('|')},${h * 600},0,5,${r.minRun},1,${r.maxWeekends}`);
    lines.push('', 'SECTION_DAYS_OFF');
    staff.forEach((s, i) => lines.push(`${s},${i % h}`));
    const reqs = r.requests.map(([a, b, c, w, on]) => ({ s: staff[a % staff.length], d: b % h, t: ids[c % ids.length], w, on }));
    lines.push('', 'SECTION_SHIFT_ON_REQUESTS', ...reqs.filter((q) => q.on).map((q) => `${q.s},${q.d},${q.t},${q.w}`));
    lines.push('', 'SECTION_SHIFT_OFF_REQUESTS', ...reqs.filter((q) => !q.on).map((q) => `${q.s},${q.d},${q.t},${q.w}`));
    lines.push('', 'SECTION_COVER');
    for (let d = 0; d < h; d++) ids.forEach((t, i) => lines.push(`${d},${t},${r.cover[(d * 3 + i) % 42]},100,1`));
    return readCurtois(lines.join('\n') + '\n', 'random');
  });

describe('the general shift model', () => {
  it('should report the objective the independent evaluator recomputes, with no hard violation', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst: CurtoisInstance) => {
        const s = await solveShiftProblem(toShiftProblem(inst), highsBackend, 20);
        expect(s.solve.status === 'optimal' || s.solve.status === 'feasible' || s.solve.status === 'infeasible').toBe(true);
        if (s.solve.status === 'infeasible') return;
        const e = evaluateCurtois(inst, s.assignment);
        expect(e.violations).toEqual([]);
        expect(e.penalty).toBe(Math.round(s.solve.objective));
      }),
      { numRuns: 15, seed },
    );
  });

  it('should, through the neighbourhood search, report what the evaluator recomputes, never beating the proven optimum', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst: CurtoisInstance) => {
        const problem = toShiftProblem(inst);
        const exact = await solveShiftProblem(problem, highsBackend, 20);
        if (exact.solve.status === 'infeasible') return;
        // Construction and neighbourhoods only (the whole model first would prove these small ones at once).
        const s = await solveShiftLns(problem, highsBackend, 3, { wholeFirst: false, seed: 7, columnGeneration: false });
        expect(s.lns.phases.map((p) => p.name)).toEqual(['construction', 'neighbourhoods', 'whole again']);
        const e = evaluateCurtois(inst, s.assignment);
        expect(e.violations).toEqual([]);
        expect(e.penalty).toBe(Math.round(s.solve.objective));
        if (exact.solve.status === 'optimal') expect(s.solve.objective).toBeGreaterThanOrEqual(exact.solve.objective - 1e-6);
      }),
      { numRuns: 6, seed },
    );
  }, 120_000);

  it('should, with a second solver in a thread, report what the evaluator recomputes, never beating the proven optimum', async () => {
    const second = highsThread();
    try {
      await fc.assert(
        fc.asyncProperty(instanceArb, async (inst: CurtoisInstance) => {
          const problem = toShiftProblem(inst);
          const exact = await solveShiftProblem(problem, highsBackend, 20);
          if (exact.solve.status === 'infeasible') return;
          const s = await solveShiftLns(problem, highsBackend, 3, { wholeFirst: false, seed: 11, parallel: second, columnGeneration: false });
          expect(s.lns.phases.map((p) => p.name)).toEqual(['construction', 'neighbourhoods', 'whole again']);
          // Both solvers worked: the second has neighbourhoods sent ahead from the start, this one solves its own.
          expect(s.lns.iterations).toBeGreaterThanOrEqual(3);
          const e = evaluateCurtois(inst, s.assignment);
          expect(e.violations).toEqual([]);
          expect(e.penalty).toBe(Math.round(s.solve.objective));
          if (exact.solve.status === 'optimal') expect(s.solve.objective).toBeGreaterThanOrEqual(exact.solve.objective - 1e-6);
        }),
        { numRuns: 5, seed },
      );
    } finally {
      await second.close();
    }
  }, 120_000);

  it('should, by column generation, give a bound no proven optimum is below and a roster the evaluator prices as it does', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst: CurtoisInstance) => {
        const problem = toShiftProblem(inst);
        const exact = await solveShiftProblem(problem, highsBackend, 20);
        const cg = await shiftColumnGeneration(problem, highsBackend, { timeLimitSeconds: 10, integerSeconds: 5 });
        if (exact.solve.status === 'infeasible') {
          expect(cg.roster).toBeNull();
          return;
        }
        if (exact.solve.status === 'optimal') expect(cg.report.bound).toBeLessThanOrEqual(exact.solve.objective + 1e-6);
        // Small instances converge: the bound is the master's value, at least the whole model's relaxation.
        expect(cg.report.converged).toBe(true);
        expect(cg.report.bound).toBeCloseTo(cg.report.masterObjective, 6);
        expect(cg.roster).not.toBeNull();
        /** The evaluator finds the roster lawful and prices it at `objective`. */
        const expectPriced = (roster: (string | null)[][], objective: number) => {
          const e = evaluateCurtois(inst, roster);
          expect(e.violations).toEqual([]);
          expect(e.penalty).toBe(Math.round(objective));
        };
        expectPriced(cg.roster!, cg.objective);
        if (exact.solve.status === 'optimal') expect(cg.objective).toBeGreaterThanOrEqual(exact.solve.objective - 1e-6);
        // Recombining from the optimum's roster (its rows join the columns) keeps its value: the rows are priced right.
        if (exact.solve.status === 'optimal') {
          const again = await cg.pool!.recombine(exact.assignment, 5);
          expect(again).not.toBeNull();
          expect(again!.objective).toBeCloseTo(exact.solve.objective, 6);
          expectPriced(again!.roster, again!.objective);
        }
      }),
      { numRuns: 15, seed },
    );
  }, 240_000);

  it('should, with column generation on, never report a bound above the proven optimum nor beat it', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb, async (inst: CurtoisInstance) => {
        const problem = toShiftProblem(inst);
        const exact = await solveShiftProblem(problem, highsBackend, 20);
        if (exact.solve.status !== 'optimal') return;
        const s = await solveShiftLns(problem, highsBackend, 4, { wholeFirst: false, seed: 5 });
        expect(['columns', 'construction']).toContain(s.lns.phases[0].name);
        expect(s.lns.columnGeneration?.converged).toBe(true);
        const e = evaluateCurtois(inst, s.assignment);
        expect(e.violations).toEqual([]);
        expect(e.penalty).toBe(Math.round(s.solve.objective));
        expect(s.solve.objective).toBeGreaterThanOrEqual(exact.solve.objective - 1e-6);
        expect(s.solve.bound).toBeLessThanOrEqual(exact.solve.objective + 1e-6);
        // Proven only when it is the optimum.
        if (s.solve.status === 'optimal') expect(s.solve.objective).toBeCloseTo(exact.solve.objective, 6);
      }),
      { numRuns: 8, seed },
    );
  }, 240_000);
});
