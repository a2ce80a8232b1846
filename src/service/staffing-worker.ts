import { parentPort, workerData } from 'node:worker_threads';
import { parseConfig, type ConfigInput } from '../domain/config.js';
import { backendByName } from '../../solver/backends/index.js';
import { minimumStaffing } from '../../solver/staffing.js';
import type { ScenarioChange } from '../staffing/scenarios.js';
import { runScenarios } from '../staffing/run-scenarios.js';

/** Runs a staffing what-if off the server's event loop: the minimum FTE, then each scenario's year. */
const input = workerData as { config: ConfigInput; from: string; to: string; backend: string; windowSeconds: number; scenarioSeconds: number; scenarios: ScenarioChange[] };
try {
  const config = parseConfig(input.config);
  const backend = backendByName(input.backend);
  const { from, to } = input;
  const steps = 1 + input.scenarios.length;
  const minimum = await minimumStaffing({
    config,
    from,
    to,
    pool: config.people.filter((p) => p.onRota).map((p) => p.id),
    backend,
    windowSeconds: input.windowSeconds,
    onProgress: (e) => parentPort!.postMessage({ type: 'progress', progress: { step: 1, steps, what: `effectif minimum (${e.pass === 'bound' ? 'borne' : `plan ${e.window}/${e.windows}`})` } }),
  });
  parentPort!.postMessage({ type: 'progress', progress: { step: 2, steps, what: `scénarios (${input.scenarios.length})` } });
  const scenarios = await runScenarios(input.config, input.scenarios, {
    from,
    to,
    backend: input.backend,
    windowSeconds: input.scenarioSeconds,
    coverageSeconds: input.windowSeconds,
    onDone: (n, total) => parentPort!.postMessage({ type: 'progress', progress: { step: 1 + n, steps, what: `scénario ${n}/${total} planifié` } }),
  });
  parentPort!.postMessage({ type: 'done', result: { minimum, scenarios } });
} catch (e) {
  parentPort!.postMessage({ type: 'failed', error: (e as Error).message });
}
