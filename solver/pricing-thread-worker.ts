import { parentPort, workerData } from 'node:worker_threads';
import type { ShiftProblem } from './shift-model.js';
import { cheapestRoster } from './shift-pricing.js';
import type { NarrowRequest } from './pricing-thread.js';

/** The pricing side of pricing-thread.ts: the narrow pass for each request of a message, answered in order. */
const p = workerData as ShiftProblem;
const T = p.shiftTypes.length;
parentPort?.on('message', (m: { id: number; requests: NarrowRequest[] }) => {
  const rosters = m.requests.map((r) => cheapestRoster(p, r.worker, (d, t) => r.costs[d * T + t], { beam: r.beam, below: r.below })?.days ?? null);
  parentPort!.postMessage({ id: m.id, rosters });
});
