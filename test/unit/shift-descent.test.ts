import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import { descendByWorker } from '../../solver/shift-descent.js';
import { cheapestRoster } from '../../solver/shift-pricing.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');
const read = (n: number) => readCurtois(readFileSync(`${DIR}/Instance${n}.txt`, 'utf8'), `Instance${n}`);

describe('best-response descent over the workers', () => {
  for (const n of [5, 8]) {
    it(`should lower Instance ${n}'s objective, as the independent evaluator counts it, by exactly the gain it reports, every roster lawful`, () => {
      const inst = read(n);
      const p = toShiftProblem(inst);
      // A lawful start that ignores the cover: each worker's own cheapest roster.
      const roster = p.workers.map((_, w) => cheapestRoster(p, w, () => 0, { beam: 100 })!.days);
      const asIds = () => roster.map((days) => Array.from(days, (t) => (t >= 0 ? p.shiftTypes[t].id : null)));
      const before = evaluateCurtois(inst, asIds());
      expect(before.violations).toEqual([]);
      const { gain, sweeps } = descendByWorker(p, roster, { deadline: performance.now() + 60_000 });
      const after = evaluateCurtois(inst, asIds());
      expect(after.violations).toEqual([]);
      expect(gain).toBeGreaterThan(0);
      expect(before.penalty - after.penalty).toBeCloseTo(gain, 6);
      expect(sweeps).toBeGreaterThan(1);
      // Ended because a sweep gained nothing: no worker alone can do better against the others (by the same pass).
      expect(descendByWorker(p, roster, { deadline: performance.now() + 60_000 }).gain).toBe(0);
    }, 60_000);
  }

  it('should stop at its deadline, the roster untouched', () => {
    const p = toShiftProblem(read(8));
    const roster = p.workers.map((_, w) => cheapestRoster(p, w, () => 0, { beam: 100 })!.days);
    const copy = roster.map((days) => Int8Array.from(days));
    expect(descendByWorker(p, roster, { deadline: performance.now() - 1 })).toEqual({ gain: 0, sweeps: 0 });
    expect(roster).toEqual(copy);
  });
});
