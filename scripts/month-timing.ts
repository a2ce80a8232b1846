// Developer timing helper: solves some months of the fixture and prints status, gap and seconds.
import { apmnConfig } from '../fixtures/apmn.js';
import { highsBackend } from '../solver/backends/highs.js';
import { solveRota } from '../solver/solve-rota.js';

const config = apmnConfig();
const overlap = Number(process.env.OVERLAP ?? 0);
for (const [from, to] of [['2027-01-01', '2027-01-31'], ['2027-08-01', '2027-08-31']]) {
  const s = await solveRota({ config, from, to }, { backend: highsBackend, windowSeconds: 60, overlapDays: overlap });
  const w = s.windows[0];
  console.log(from, w.status, w.objective.toFixed(1), w.bound.toFixed(1), (w.gap * 100).toFixed(3) + '%', w.seconds.toFixed(1) + 's', w.variables, 'vars', w.uncoveredMinutes, 'min uncovered');
}
