import { parentPort, workerData } from 'node:worker_threads';
import type { ConfigInput } from '../domain/config.js';
import { backendByName } from '../../solver/backends/index.js';
import { runScenario, type ScenarioChange } from './scenarios.js';

/** One scenario's year, in its own thread (each solver instance is single-threaded). */
const d = workerData as { input: ConfigInput; change: ScenarioChange; from: string; to: string; backend: string; windowSeconds: number; coverageSeconds: number };
try {
  const figures = await runScenario(d.input, d.change, { from: d.from, to: d.to, backend: backendByName(d.backend), windowSeconds: d.windowSeconds, coverageSeconds: d.coverageSeconds });
  parentPort!.postMessage({ ok: true, figures });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
}
