import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import type { MilpBackend } from '../../solver/backend.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { ModelBuilder, type LinearModel } from '../../solver/lp.js';
import { shiftColumnGeneration } from '../../solver/shift-colgen.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');

/** A covering LP like a master's: rows needing 1–3, slack at 50 a unit, columns covering random rows at random costs. */
function coverLp(seed: number, rows: number, columns: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const b = new ModelBuilder();
  for (let i = 0; i < rows; i++) {
    const slack = b.addVar(`slack_${i}`, { cost: 50 });
    b.m.rows.push({ name: `need_${i}`, terms: [[slack, 1]], lb: 1 + Math.floor(rand() * 3), ub: Infinity });
  }
  const cols = Array.from({ length: columns }, () => {
    const entries: [number, number][] = [];
    for (let i = 0; i < rows; i++) if (rand() < 0.3) entries.push([i, 1]);
    return { cost: 1 + Math.round(rand() * 20), lower: 0, upper: 1, entries };
  });
  return { base: b.m, cols };
}

/** The same LP built in one piece, for the backend's ordinary solve. */
function whole(base: LinearModel, cols: { cost: number; lower: number; upper: number; entries: [number, number][] }[]): LinearModel {
  const m = structuredClone(base);
  for (const c of cols) {
    const j = m.names.length;
    m.names.push(`c${j}`);
    m.lower.push(c.lower);
    m.upper.push(c.upper);
    m.cost.push(c.cost);
    m.integer.push(false);
    m.tags.push('');
    for (const [r, v] of c.entries) m.rows[r].terms.push([j, v]);
  }
  return m;
}

describe('the incremental LP (HiGHS, kept between solves)', () => {
  it('should give the optimum a fresh solve gives, with duals that price every column at a reduced cost of 0 or more', async () => {
    const { base, cols } = coverLp(7, 40, 120);
    const lp = await highsBackend.incrementalLp!(base);
    try {
      // Columns come in three batches, as a column generation adds them; each solve from the last basis.
      let last: Float64Array = new Float64Array(0);
      for (const upTo of [40, 80, 120]) {
        lp.addColumns(cols.slice(upTo - 40, upTo));
        const r = await lp.solve({ timeLimitSeconds: 10 });
        const fresh = await highsBackend.solve(whole(base, cols.slice(0, upTo)), { timeLimitSeconds: 10 });
        expect(r.status).toBe('optimal');
        expect(r.objective).toBeCloseTo(fresh.objective, 6);
        expect(r.values.length).toBe(base.names.length + upTo);
        last = r.values;
        // Optimality certificate: no column (slack or added) has a negative reduced cost under the returned duals.
        const m = whole(base, cols.slice(0, upTo));
        const reduced = m.cost.map((c) => c);
        m.rows.forEach((row, i) => row.terms.forEach(([j, v]) => (reduced[j] -= r.duals![i] * v)));
        reduced.forEach((rc, j) => {
          if (r.values[j] < m.upper[j] - 1e-7) expect(rc).toBeGreaterThan(-1e-6);
        });
      }
      // Bounds changed in place (a dive fixing columns at 0): the same optimum as the model built with them.
      const before = await highsBackend.solve(whole(base, cols), { timeLimitSeconds: 10 });
      const closed = cols.map((_, k) => base.names.length + k).filter((j) => last[j] > 0.5).slice(0, 3);
      expect(closed.length).toBeGreaterThan(0);
      for (const j of closed) lp.setBounds(j, 0, 0);
      const r = await lp.solve({ timeLimitSeconds: 10 });
      const m = whole(base, cols);
      for (const j of closed) m.upper[j] = 0;
      const fresh = await highsBackend.solve(m, { timeLimitSeconds: 10 });
      expect(r.objective).toBeCloseTo(fresh.objective, 6);
      expect(r.objective).toBeGreaterThan(before.objective);
      for (const j of closed) expect(r.values[j]).toBe(0);
    } finally {
      lp.dispose();
    }
  });

  it('should remove only columns out of the basis, and solve on as the model without them', async () => {
    const { base, cols } = coverLp(11, 40, 120);
    const lp = await highsBackend.incrementalLp!(base);
    try {
      lp.addColumns(cols);
      const first = await lp.solve({ timeLimitSeconds: 10 });
      expect(first.status).toBe('optimal');
      // Every other added column asked to leave, among them some strictly between their bounds (basic).
      const asked = cols.map((_, k) => base.names.length + k).filter((j) => j % 2 === 0);
      const used = asked.filter((j) => first.values[j] > 1e-7 && first.values[j] < 1 - 1e-7);
      expect(used.length).toBeGreaterThan(0);
      const gone = lp.deleteColumns!(asked);
      for (const j of used) expect(gone).not.toContain(j);
      expect(gone.length).toBeGreaterThan(asked.length / 2);
      const r = await lp.solve({ timeLimitSeconds: 10 });
      const left = cols.filter((_, k) => !gone.includes(base.names.length + k));
      const fresh = await highsBackend.solve(whole(base, left), { timeLimitSeconds: 10 });
      expect(r.status).toBe('optimal');
      expect(r.values.length).toBe(base.names.length + left.length);
      expect(r.objective).toBeCloseTo(fresh.objective, 6);
      // Columns added after a removal take the next indices.
      lp.addColumns(cols.slice(0, 5));
      const again = await lp.solve({ timeLimitSeconds: 10 });
      expect(again.values.length).toBe(base.names.length + left.length + 5);
      expect(again.objective).toBeLessThanOrEqual(r.objective + 1e-9);
    } finally {
      lp.dispose();
    }
  });

  it("should leave the column generation's bound and master value where rebuilding the master each round leaves them", async () => {
    const p = toShiftProblem(readCurtois(readFileSync(`${DIR}/Instance2.txt`, 'utf8'), 'Instance2'));
    // The same backend without the incremental LP: the master is built afresh each round.
    const rebuilding: MilpBackend = { name: 'highs', solve: (m, o) => highsBackend.solve(m, o) };
    const kept = await shiftColumnGeneration(p, highsBackend, { timeLimitSeconds: 30, integerSeconds: 5 });
    const rebuilt = await shiftColumnGeneration(p, rebuilding, { timeLimitSeconds: 30, integerSeconds: 5 });
    expect(kept.report.converged).toBe(true);
    expect(rebuilt.report.converged).toBe(true);
    // Converged, the master's LP value is the Dantzig–Wolfe bound, whatever the columns on the way.
    expect(kept.report.masterObjective).toBeCloseTo(rebuilt.report.masterObjective, 4);
    expect(kept.report.bound).toBeCloseTo(rebuilt.report.bound, 4);
  }, 90_000);
});
