import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import { maxViolation } from '../../solver/lp.js';
import { buildShiftModel, type ShiftProblem } from '../../solver/shift-model.js';
import { cheapestRoster } from '../../solver/shift-pricing.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');
const instance = (n: number) => toShiftProblem(readCurtois(readFileSync(`${DIR}/Instance${n}.txt`, 'utf8'), `Instance${n}`));

/** The roster breaks none of the worker's rules: their model alone, its shift variables set, holds. */
function lawful(p: ShiftProblem, w: number, days: Int8Array) {
  const built = buildShiftModel({ ...p, workers: [p.workers[w]], cover: [], preferences: [] });
  const values = new Float64Array(built.model.names.length);
  days.forEach((t, d) => t >= 0 && (values[built.x[0][d][t]] = 1));
  // No cover and no preference: the model's only auxiliaries are weekend flags, set from the days.
  built.model.names.forEach((name, j) => {
    const m = /^wk_.*_(\d+)$/.exec(name);
    if (m) values[j] = days[Number(m[1])] >= 0 || days[Number(m[1]) + 1] >= 0 ? 1 : 0;
  });
  return maxViolation(built.model, values) < 1e-6;
}

describe('the pricing programme on the public instances', () => {
  // Before the bound counted the weekends and the minutes, the narrow pass kept only states that had used every
  // weekend or nearly reached the maximum of minutes, and found nothing for 23 of Instance 13's 120 workers.
  it('should find, by its narrow pass, a lawful roster for every worker of Instance 13 on their own costs', () => {
    const p = instance(13);
    let found = 0;
    p.workers.forEach((_, w) => {
      const roster = cheapestRoster(p, w, () => 0, { beam: 100 });
      expect(roster, `worker ${w}`).toBeTruthy();
      expect(lawful(p, w, roster!.days), `worker ${w}`).toBe(true);
      found++;
    });
    expect(found).toBe(120);
  }, 60_000);

  it('should find the exact least cost by its narrow pass too on Instance 8 with random day costs, where it found nothing before', () => {
    const p = instance(8);
    let s = 7;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const costs = Array.from({ length: p.days }, () => p.shiftTypes.map(() => Math.round(rnd() * 200 - 100)));
    for (const w of [1, 3]) {
      const exact = cheapestRoster(p, w, (d, t) => costs[d][t], { maxLabels: 20_000 })!;
      expect(exact.exact).toBe(true);
      const narrow = cheapestRoster(p, w, (d, t) => costs[d][t], { beam: 100 });
      expect(narrow, `worker ${w}`).toBeTruthy();
      expect(lawful(p, w, narrow!.days)).toBe(true);
      expect(narrow!.cost).toBeCloseTo(exact.cost, 9);
    }
  });
});
