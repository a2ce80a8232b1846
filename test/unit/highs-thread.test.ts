import { afterAll, describe, expect, it } from 'vitest';
import { highsBackend } from '../../solver/backends/highs.js';
import { highsThread } from '../../solver/backends/highs-thread.js';
import { ModelBuilder } from '../../solver/lp.js';

/** A small knapsack: maximise value under a weight limit (as a minimisation of −value). */
function knapsack(limit: number) {
  const b = new ModelBuilder();
  const items = [
    [5, 4],
    [4, 3],
    [3, 2],
    [7, 5],
    [2, 1],
  ];
  const x = items.map(([value], i) => b.binary(`x${i}`, -value));
  b.le('weight', items.map(([, w], i) => [x[i], w] as [number, number]), limit);
  return b.m;
}

describe('HiGHS in a worker thread', () => {
  const thread = highsThread();
  afterAll(() => thread.close());

  it('answers what HiGHS answers in this thread, Infinity bounds and all', async () => {
    const m = knapsack(7);
    const here = await highsBackend.solve(m, { timeLimitSeconds: 5 });
    const there = await thread.solve(m, { timeLimitSeconds: 5 });
    expect(there.status).toBe('optimal');
    expect(there.objective).toBe(here.objective);
    expect(there.objective).toBe(-10);
    expect(Array.from(there.values)).toEqual(Array.from(here.values));
  });

  it('keeps answers apart when several solves are asked at once', async () => {
    const limits = [1, 3, 7, 15];
    const results = await Promise.all(limits.map((l) => thread.solve(knapsack(l), { timeLimitSeconds: 5 })));
    expect(results.map((r) => r.objective)).toEqual([-2, -5, -10, -21]);
  });

  it('starts a new thread for a solve asked after close', async () => {
    await thread.close();
    const r = await thread.solve(knapsack(3), { timeLimitSeconds: 5 });
    expect(r.objective).toBe(-5);
  });
});
