import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem, type CurtoisInstance } from '../../src/benchmarks/curtois.js';
import type { ShiftProblem } from '../../solver/shift-model.js';
import { ANY_CHOICE, choiceBit, forceDays, narrowRoster } from '../../solver/pricing-thread.js';
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

describe('the pricing programme’s bound on the days left', () => {
  // One type of 480 minutes, five shifts at most (2,400 minutes): the first five days pay 1 each, the last five 10 each.
  const p: ShiftProblem = {
    days: 14,
    firstWeekday: 1,
    shiftTypes: [{ id: 'D', minutes: 480, cannotFollow: [] }],
    workers: [{ id: 'A', maxByType: { D: 14 }, minMinutes: 0, maxMinutes: 2400, maxConsecutive: 5, minConsecutive: 1, minConsecutiveOff: 1, maxWeekends: 2, unavailable: [] }],
    cover: [],
    preferences: [],
  };
  const cost = (d: number) => (d < 5 ? -1 : d >= 9 ? -10 : 0);

  // A bound that lets every state work every day left ranks working the first, cheap days first, which spends the
  // minutes the dear days need: the narrow pass then ends at −5.
  it('should see the minutes a state has left, so that even a pass keeping one state a day ends at the least roster', () => {
    const narrow = cheapestRoster(p, 0, cost, { beam: 1 })!;
    expect(narrow.cost).toBe(-50);
    expect(Array.from(narrow.days)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0]);
    expect(cheapestRoster(p, 0, cost)!.cost).toBe(-50);
  });

  it('should still find the least roster when the minimum of minutes binds and every shift costs', () => {
    const q: ShiftProblem = { ...p, workers: [{ ...p.workers[0], minMinutes: 1440 }] };
    const narrow = cheapestRoster(q, 0, (d) => (d < 3 ? 1 : 5), { beam: 1 })!;
    expect(narrow.cost).toBe(3);
    expect(Array.from(narrow.days).filter((t) => t >= 0)).toHaveLength(3);
  });
});

describe('the narrow pass with days restricted by a dive', () => {
  // The column generation's dive by days fixes single (worker, day) choices and prices the open days around them: a
  // type is barred by its cost, a day off by a premium on working that the cost to beat gives back.
  it('should keep every fixed day of Instance 13’s workers, off or worked, and beat the cost of a roster that keeps them', () => {
    const inst = read(13);
    const p = toShiftProblem(inst);
    const T = p.shiftTypes.length;
    let s = 13;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (const w of [0, 17, 60, 101, 119]) {
      const lawful = cheapestRoster(p, w, () => 0, { beam: 100 })!;
      const costs = Float64Array.from({ length: p.days * T }, () => Math.round(rnd() * 200 - 100));
      const costOf = (days: Int8Array) => days.reduce((c, t, d) => c + (t >= 0 ? costs[d * T + t] : 0), 0);
      // Half its days fixed as that roster has them, some of them worked and some off.
      const allowed = Array.from(lawful.days, (t) => (rnd() < 0.5 ? choiceBit(t) : ANY_CHOICE));
      expect(allowed.some((m, d) => m !== ANY_CHOICE && lawful.days[d] >= 0), `worker ${w}`).toBe(true);
      expect(allowed.some((m, d) => m !== ANY_CHOICE && lawful.days[d] < 0), `worker ${w}`).toBe(true);
      const days = narrowRoster(p, forceDays({ worker: w, costs, beam: 200, below: costOf(lawful.days) + 1 }, allowed, T));
      expect(days, `worker ${w}`).toBeTruthy();
      allowed.forEach((m, d) => m !== ANY_CHOICE && expect(days![d], `worker ${w}, day ${d}`).toBe(lawful.days[d]));
      expect(costOf(days!)).toBeLessThan(costOf(lawful.days) + 1);
      expect(violationsOf(inst, p, w, days!), `worker ${w}`).toEqual([]);
      // Free, the same costs take the roster off some of those days.
      const free = narrowRoster(p, { worker: w, costs, beam: 200, below: Infinity })!;
      expect(allowed.some((m, d) => m !== ANY_CHOICE && free[d] !== lawful.days[d]), `worker ${w}`).toBe(true);
    }
  }, 60_000);

  it('should work on a day whose day off is barred, and never take a barred type', () => {
    const inst = read(13);
    const p = toShiftProblem(inst);
    const T = p.shiftTypes.length;
    for (const w of [3, 44, 90]) {
      const lawful = cheapestRoster(p, w, () => 0, { beam: 100 })!;
      // A day it works, with its day off and its type barred: another type is then the only way.
      const d = lawful.days.findIndex((t) => t >= 0);
      const allowed = Array.from(lawful.days, () => ANY_CHOICE);
      allowed[d] = ANY_CHOICE & ~choiceBit(-1) & ~choiceBit(lawful.days[d]);
      // Working on d costs 50, any other day nothing: without the premium the least roster is off on d.
      const costs = Float64Array.from({ length: p.days * T }, (_, i) => (Math.floor(i / T) === d ? 50 : 0));
      expect(narrowRoster(p, { worker: w, costs, beam: 200, below: 1000 })![d]).toBe(-1);
      const days = narrowRoster(p, forceDays({ worker: w, costs, beam: 200, below: 1000 }, allowed, T));
      expect(days, `worker ${w}`).toBeTruthy();
      expect(days![d], `worker ${w}`).toBeGreaterThanOrEqual(0);
      expect(days![d], `worker ${w}`).not.toBe(lawful.days[d]);
      expect(violationsOf(inst, p, w, days!), `worker ${w}`).toEqual([]);
    }
  }, 60_000);
});
