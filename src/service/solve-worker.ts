import { parentPort, workerData } from 'node:worker_threads';
import { parseConfig, type ConfigInput } from '../domain/config.js';
import { planPeriod } from '../planning/plan.js';
import { backendByName } from '../../solver/backends/index.js';

/** Runs one planning solve off the server's event loop; progress and the result go back as messages. */
const input = workerData as { config: ConfigInput; from: string; to: string; backend: string; windowSeconds: number };
try {
  const result = await planPeriod({
    config: parseConfig(input.config),
    from: input.from,
    to: input.to,
    backend: backendByName(input.backend),
    windowSeconds: input.windowSeconds,
    onProgress: (e) => parentPort!.postMessage({ type: 'progress', progress: e }),
  });
  parentPort!.postMessage({ type: 'done', rota: result.rota, report: result.report });
} catch (e) {
  parentPort!.postMessage({ type: 'failed', error: (e as Error).message });
}
