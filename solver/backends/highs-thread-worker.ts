import { parentPort } from 'node:worker_threads';
import type { SolveOptions } from '../backend.js';
import type { LinearModel } from '../lp.js';
import { highsBackend } from './highs.js';

/** The solver side of highs-thread.ts: one solve per message, answered in order. */
parentPort?.on('message', async (m: { id: number; model: LinearModel; opts: SolveOptions }) => {
  try {
    const result = await highsBackend.solve(m.model, m.opts);
    parentPort!.postMessage({ id: m.id, result }, [result.values.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
