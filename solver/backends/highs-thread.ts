import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../src/worker-threads.js';
import type { MilpBackend, SolveOptions, SolveResult } from '../backend.js';
import type { LinearModel } from '../lp.js';

export interface ThreadBackend extends MilpBackend {
  /** Stops the thread (a later solve starts another). */
  close(): Promise<void>;
}

/**
 * HiGHS in a worker thread of its own: the WebAssembly solver is single-threaded, so a second core is used only by
 * solving a second model at the same time, which this backend lets the caller do (its solve does not block the
 * calling thread).
 */
export function highsThread(): ThreadBackend {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, { resolve: (r: SolveResult) => void; reject: (e: Error) => void }>();
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };
  const start = () => {
    // Each model arrives as a structured clone (many small arrays), short-lived garbage: a small young generation keeps
    // the thread's heap small (year 2027 by `npm run plan`, three interleaved runs each, by /usr/bin/time -v: the
    // process peaked at 430–489 MB with V8's default, 407–457 MB with 8 MB; the gaps 0.15–0.35 % and 0.08–0.10 %).
    const w = startWorker(new URL('./highs-thread-worker.ts', import.meta.url), null, { maxYoungGenerationSizeMb: 8 });
    w.on('message', (m: { id: number; result?: SolveResult; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.result) p?.resolve(m.result);
      else p?.reject(new Error(m.error ?? 'highs thread: no result'));
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`highs thread stopped (code ${code})`)));
    // An idle solver thread does not keep the process alive.
    w.unref();
    return w;
  };
  return {
    name: 'highs',
    solve(model: LinearModel, opts: SolveOptions): Promise<SolveResult> {
      worker ??= start();
      const id = next++;
      const w = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, model, opts: { ...opts, start: opts.start ? Float64Array.from(opts.start) : undefined } });
      }).finally(() => {
        if (pending.size === 0) worker?.unref();
      }) as Promise<SolveResult>;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
