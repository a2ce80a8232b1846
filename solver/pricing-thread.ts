import type { Worker } from 'node:worker_threads';
import { startWorker } from '../src/worker-threads.js';
import type { ShiftProblem } from './shift-model.js';
import { cheapestRoster } from './shift-pricing.js';

/** One worker's narrow pricing pass: their day costs (day × type, row by row), the beam, the cost to beat. */
export interface NarrowRequest {
  worker: number;
  costs: Float64Array;
  beam: number;
  below: number;
}

/** The premium forcing work on a day where a day off is barred: far beyond any roster's own and dual costs. */
const FORCED = 1e7;

/** The bit of a day's choice in an allowed set: bit 0 a day off, bit t + 1 type t. */
export const choiceBit = (t: number) => 1 << (t + 1);
/** The set allowing every choice of a day: every bit set (sound for any number of types, where no day is restricted). */
export const ANY_CHOICE = -1;

/**
 * The request with each day's choices restricted: `allowed[d]` the set of choices allowed on day d (see choiceBit;
 * restricted days need at most 29 types, bits 1–30). A type not allowed is barred; where a day off is not allowed,
 * working is forced by a premium on the allowed types beyond any roster's cost, taken back from the cost to beat (the
 * programme has no cost for a day off to bar it).
 */
export function forceDays(r: NarrowRequest, allowed: ArrayLike<number>, types: number): NarrowRequest {
  const costs = Float64Array.from(r.costs);
  let below = r.below;
  for (let d = 0; d < allowed.length; d++) {
    const m = allowed[d];
    if (m === ANY_CHOICE) continue;
    const off = (m & 1) !== 0;
    for (let t = 0; t < types; t++) {
      if ((m & choiceBit(t)) === 0) costs[d * types + t] = Infinity;
      else if (!off) costs[d * types + t] -= FORCED;
    }
    if (!off) below -= FORCED;
  }
  return { ...r, costs, below };
}

/** The narrow pass for one request: the roster's days, null where none beats its `below`. */
export function narrowRoster(p: ShiftProblem, r: NarrowRequest): Int8Array | null {
  const T = p.shiftTypes.length;
  return cheapestRoster(p, r.worker, (d, t) => r.costs[d * T + t], { beam: r.beam, below: r.below })?.days ?? null;
}

export interface PricingThread {
  /** The narrow pass's roster for each request (null where none beats its `below`), in order. */
  price(requests: NarrowRequest[]): Promise<(Int8Array | null)[]>;
  close(): Promise<void>;
}

/**
 * The pricing programme's narrow pass in a worker thread of its own, for a shift problem given once: the column
 * generation prices half its workers there and half on its own thread (the programme is single-threaded JavaScript,
 * and a round's pricing was half its time on Instance 13).
 */
export function pricingThread(p: ShiftProblem): PricingThread {
  const worker: Worker = startWorker(new URL('./pricing-thread-worker.ts', import.meta.url), p);
  let next = 0;
  const pending = new Map<number, { resolve: (r: (Int8Array | null)[]) => void; reject: (e: Error) => void }>();
  const fail = (e: Error) => {
    for (const x of pending.values()) x.reject(e);
    pending.clear();
  };
  worker.on('message', (m: { id: number; rosters: (Int8Array | null)[] }) => {
    pending.get(m.id)?.resolve(m.rosters);
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`pricing thread stopped (code ${code})`)));
  worker.unref();
  return {
    price(requests) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Referenced while an answer is awaited: an idle thread does not keep the process alive, a busy one must.
        worker.ref();
        worker.postMessage({ id, requests });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
