// Developer helper: time a period of the fixture with a given window length (WINDOW_DAYS, 0 = months).
import { apmnConfig } from '../fixtures/apmn.js';
import { highsBackend } from '../solver/backends/highs.js';
import { solveRota } from '../solver/solve-rota.js';

const [from, to] = process.argv.slice(2);
const windowDays = Number(process.env.WINDOW_DAYS ?? 0) || undefined;
const t = performance.now();
const s = await solveRota({ config: apmnConfig(), from, to }, { backend: highsBackend, windowSeconds: 30, windowDays, overlapDays: Number(process.env.OVERLAP ?? 7), mipAbsGap: Number(process.env.ABS_GAP ?? 0) || undefined });
const uncovered = s.windows.reduce((a, w) => a + w.uncoveredMinutes, 0);
console.log(`windows=${s.windows.length} statuses=${[...new Set(s.windows.map((w) => w.status))]} objective=${s.objective.toFixed(1)} bound=${s.bound.toFixed(1)} uncovered=${uncovered} wall=${((performance.now() - t) / 1000).toFixed(1)}s`);
console.log(s.windows.map((w) => w.seconds.toFixed(1)).join(' '));
