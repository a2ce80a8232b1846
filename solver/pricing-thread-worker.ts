import { parentPort, workerData } from 'node:worker_threads';
import type { ShiftProblem } from './shift-model.js';
import { narrowRoster, type NarrowRequest } from './pricing-thread.js';

/** The pricing side of pricing-thread.ts: the narrow pass for each request of a message, answered in order. */
const p = workerData as ShiftProblem;
parentPort?.on('message', (m: { id: number; requests: NarrowRequest[] }) => {
  const rosters = m.requests.map((r) => narrowRoster(p, r));
  parentPort!.postMessage({ id: m.id, rosters });
});
