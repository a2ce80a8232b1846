import { availableParallelism } from 'node:os';
import type { ConfigInput } from '../domain/config.js';
import { startWorker } from '../worker-threads.js';
import type { ScenarioChange, ScenarioFigures } from './scenarios.js';

/** Plans the scenarios side by side, as many at once as the machine has cores; results in the order given. */
export async function runScenarios(
  input: ConfigInput,
  changes: ScenarioChange[],
  req: { from: string; to: string; backend: string; windowSeconds: number; coverageSeconds: number; parallel?: number; onDone?: (done: number, total: number) => void },
): Promise<ScenarioFigures[]> {
  const out: ScenarioFigures[] = new Array(changes.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < changes.length) {
      const i = next++;
      const worker = startWorker(new URL('./scenario-worker.ts', import.meta.url), { input, change: changes[i], from: req.from, to: req.to, backend: req.backend, windowSeconds: req.windowSeconds, coverageSeconds: req.coverageSeconds });
      const m = await new Promise<{ ok: boolean; figures?: ScenarioFigures; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }).finally(() => void worker.terminate());
      if (!m.ok) throw new Error(`scenario ${i + 1}: ${m.error}`);
      out[i] = m.figures!;
      req.onDone?.(++done, changes.length);
    }
  };
  const lanes = Math.max(1, Math.min(req.parallel ?? availableParallelism(), changes.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}
