import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import { pricingThread } from '../../solver/pricing-thread.js';
import { cheapestRoster } from '../../solver/shift-pricing.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');

describe('the pricing thread', () => {
  it('should give, for each request, the roster the narrow pass gives in this thread, in order, null where none beats the cost', async () => {
    const p = toShiftProblem(readCurtois(readFileSync(`${DIR}/Instance8.txt`, 'utf8'), 'Instance8'));
    const T = p.shiftTypes.length;
    let s = 11;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const requests = [0, 5, 9, 17].map((worker) => ({ worker, costs: Float64Array.from({ length: p.days * T }, () => Math.round(rnd() * 200 - 120)), beam: 200, below: Infinity }));
    // A cost no roster can beat: the answer is null.
    requests.push({ ...requests[0], worker: 3, below: -1e9 });
    const thread = pricingThread(p);
    try {
      const answers = await thread.price(requests);
      expect(answers).toHaveLength(requests.length);
      requests.forEach((r, i) => {
        const here = cheapestRoster(p, r.worker, (d, t) => r.costs[d * T + t], { beam: r.beam, below: r.below });
        if (here) expect(Array.from(answers[i]!), `request ${i}`).toEqual(Array.from(here.days));
        else expect(answers[i], `request ${i}`).toBeNull();
      });
      expect(answers[4]).toBeNull();
      expect(answers.slice(0, 4).every((a) => a !== null)).toBe(true);
    } finally {
      await thread.close();
    }
  }, 30_000);
});
