import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem, type CurtoisInstance } from '../../src/benchmarks/curtois.js';
import type { ShiftProblem } from '../../solver/shift-model.js';
import { cheapestRoster } from '../../solver/shift-pricing.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');
const read = (n: number) => readCurtois(readFileSync(`${DIR}/Instance${n}.txt`, 'utf8'), `Instance${n}`);

/** What the independent evaluator finds against this worker's roster (the others' empty rows set aside). */
function violationsOf(inst: CurtoisInstance, p: ShiftProblem, w: number, days: Int8Array) {
  const types = p.shiftTypes;
  const id = inst.staff[w].id;
  const roster = inst.staff.map((_, i) => Array.from({ length: inst.horizon }, (_, d) => (i === w && days[d] >= 0 ? types[days[d]].id : null)));
  return evaluateCurtois(inst, roster).violations.filter((v) => v.startsWith(`${id}:`) || v.startsWith(`${id} `));
}

describe('the pricing programme on the public instances', () => {
  // Before the bound counted the weekends and the minutes, the narrow pass kept only states that had used every
  // weekend or nearly reached the maximum of minutes, and found nothing for 23 of Instance 13's 120 workers.
  it('should find, by its narrow pass, a lawful roster for every worker of Instance 13 on their own costs', () => {
    const inst = read(13);
    const p = toShiftProblem(inst);
    let found = 0;
    p.workers.forEach((_, w) => {
      const roster = cheapestRoster(p, w, () => 0, { beam: 100 });
      expect(roster, `worker ${w}`).toBeTruthy();
      expect(violationsOf(inst, p, w, roster!.days), `worker ${w}`).toEqual([]);
      found++;
    });
    expect(found).toBe(120);
  }, 60_000);

  it('should find the exact least cost by its narrow pass too on Instance 8 with random day costs, where it found nothing before', () => {
    const inst = read(8);
    const p = toShiftProblem(inst);
    let s = 7;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const costs = Array.from({ length: p.days }, () => p.shiftTypes.map(() => Math.round(rnd() * 200 - 100)));
    for (const w of [1, 3]) {
      const exact = cheapestRoster(p, w, (d, t) => costs[d][t], { maxLabels: 20_000 })!;
      expect(exact.exact).toBe(true);
      const narrow = cheapestRoster(p, w, (d, t) => costs[d][t], { beam: 100 });
      expect(narrow, `worker ${w}`).toBeTruthy();
      expect(violationsOf(inst, p, w, narrow!.days)).toEqual([]);
      expect(narrow!.cost).toBeCloseTo(exact.cost, 9);
    }
  });
});
