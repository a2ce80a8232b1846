import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import type { MilpBackend } from '../../solver/backend.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { solveShiftLns } from '../../solver/shift-lns.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');

describe('the Curtois neighbourhood search with a second solver', () => {
  it('should take the second solver answer as soon as it arrives, not at the end of the search', async () => {
    const problem = toShiftProblem(readCurtois(readFileSync(`${DIR}/Instance1.txt`, 'utf8'), 'Instance1'));
    // Like a solver thread, it answers through the event loop (a message), not within the caller's own step.
    const asAMessage: MilpBackend = {
      name: 'highs',
      async solve(model, opts) {
        const r = await highsBackend.solve(model, opts);
        await new Promise((res) => setTimeout(res, 10));
        return r;
      },
    };
    const s = await solveShiftLns(problem, highsBackend, 30, { parallel: asAMessage, seed: 3 });
    // Instance 1 is proven optimal by the whole model: the search stops there instead of running its 30 s.
    expect(s.solve.status).toBe('optimal');
    expect(Math.round(s.solve.objective)).toBe(607);
    const phases = s.lns.phases.map((p) => p.name);
    expect(phases).toContain('whole');
    expect(phases).not.toContain('neighbourhoods');
  }, 60_000);

  it('should keep two neighbourhoods sent ahead to the second solver, so that neither waits for the other, and combine what they find', async () => {
    const inst = readCurtois(readFileSync(`${DIR}/Instance8.txt`, 'utf8'), 'Instance8');
    const problem = toShiftProblem(inst);
    let inFlight = 0;
    let most = 0;
    let solves = 0;
    const counted: MilpBackend = {
      name: 'highs',
      async solve(model, opts) {
        solves++;
        most = Math.max(most, ++inFlight);
        try {
          const r = await highsBackend.solve(model, opts);
          // Like a solver thread, it answers through the event loop (a message).
          await new Promise((res) => setTimeout(res, 5));
          return r;
        } finally {
          inFlight--;
        }
      },
    };
    const s = await solveShiftLns(problem, highsBackend, 12, { parallel: counted, columnGeneration: false, seed: 2 });
    expect(s.lns.phases.map((p) => p.name)).toContain('neighbourhoods');
    // The whole model, then neighbourhoods: two of them waiting on the second solver at once, none left at the end.
    expect(solves).toBeGreaterThan(3);
    expect(most).toBe(2);
    expect(inFlight).toBe(0);
    // Whatever was combined, the roster is lawful and its objective is the benchmark's.
    const e = evaluateCurtois(inst, s.assignment);
    expect(e.violations).toEqual([]);
    expect(e.penalty).toBeCloseTo(s.solve.objective, 6);
  }, 60_000);

  it('should prove Instance 4 optimal: the column generation bound meets the roster it finds (1716, the published optimum)', async () => {
    const problem = toShiftProblem(readCurtois(readFileSync(`${DIR}/Instance4.txt`, 'utf8'), 'Instance4'));
    const s = await solveShiftLns(problem, highsBackend, 60, { seed: 1 });
    expect(s.lns.columnGeneration?.converged).toBe(true);
    expect(Math.ceil(s.lns.columnGeneration!.bound - 1e-3)).toBe(1716);
    expect(s.solve.status).toBe('optimal');
    expect(Math.round(s.solve.objective)).toBe(1716);
    expect(s.solve.bound).toBeCloseTo(1716, 6);
  }, 120_000);
});
