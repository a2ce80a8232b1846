import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelBuilder, maxViolation, objectiveOf, restrict } from '../../solver/lp.js';

const seed = Number(process.env.FC_SEED ?? 2014);

/** A random model with integer data, a random point and a random choice of free columns. */
const caseArb = fc
  .record({
    n: fc.integer({ min: 1, max: 8 }),
    rows: fc.array(fc.record({ coef: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 8, maxLength: 8 }), lb: fc.integer({ min: -6, max: 2 }), width: fc.integer({ min: 0, max: 6 }) }), { maxLength: 6 }),
    cost: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 8, maxLength: 8 }),
    base: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 8, maxLength: 8 }),
    free: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    point: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 8, maxLength: 8 }),
    offset: fc.integer({ min: -4, max: 4 }),
  })
  .map((c) => {
    const b = new ModelBuilder();
    for (let j = 0; j < c.n; j++) b.binary(`x${j}`, c.cost[j]);
    b.addOffset(c.offset);
    c.rows.forEach((r, i) => {
      const terms = r.coef.slice(0, c.n).map((k, j) => [j, k] as [number, number]).filter(([, k]) => k !== 0);
      if (terms.length) b.addRow(`r${i}`, terms, r.lb, r.lb + r.width);
    });
    return { m: b.m, base: c.base.slice(0, c.n), free: c.free.slice(0, c.n), point: c.point.slice(0, c.n) };
  });

describe('restrict: a model with some columns fixed and taken out', () => {
  it('keeps the objective and the feasibility of every point that agrees with the base on the fixed columns', () => {
    fc.assert(
      fc.property(caseArb, ({ m, base, free, point }) => {
        const sub = restrict(m, base, (j) => free[j]);
        expect(sub.columns).toEqual(free.flatMap((f, j) => (f ? [j] : [])));
        const y = sub.columns.map((j) => point[j]);
        const full = sub.expand(y);
        // Fixed columns come back at the base's value, free ones at the restricted point's.
        full.forEach((v, j) => expect(v).toBe(free[j] ? point[j] : base[j]));
        expect(objectiveOf(sub.model, y)).toBeCloseTo(objectiveOf(m, full), 9);
        // Rows dropped for having no free column are the base's own: when the base holds them, feasibility agrees.
        if (maxViolation(m, Float64Array.from(base)) === 0) expect(maxViolation(sub.model, y) <= 1e-9).toBe(maxViolation(m, full) <= 1e-9);
      }),
      { numRuns: 400, seed },
    );
  });

  it('drops the rows left without a column and moves the fixed part into the bounds', () => {
    const b = new ModelBuilder();
    const [x, y, z] = [b.binary('x', 1), b.binary('y', 2), b.binary('z', 3)];
    b.addRow('xy', [[x, 1], [y, 1]], 1, 2);
    b.addRow('z', [[z, 2]], 0, 2);
    const sub = restrict(b.m, [1, 0, 1], (j) => j === y);
    expect(sub.model.names).toEqual(['y']);
    expect(sub.model.rows).toEqual([{ name: 'xy', terms: [[0, 1]], lb: 0, ub: 1 }]);
    expect(sub.model.offset).toBe(1 + 3);
  });
});
