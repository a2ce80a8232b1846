import { apmnConfig, apmnConfigInput } from '../fixtures/apmn.js';
import { parseConfig } from '../src/domain/config.js';
import type { MilpBackend } from '../solver/backend.js';
import { highsBackend } from '../solver/backends/highs.js';
import { highsThread } from '../solver/backends/highs-thread.js';
import { defaultStrategy } from '../src/planning/plan.js';
import { jslpBackend } from '../solver/backends/jslp.js';
import { solveRota } from '../solver/solve-rota.js';
import { key } from '../solver/rota-model.js';

/**
 * Benchmark of the permanence solver on the apmn fixture: January and August 2027, a replanning of January after a
 * 5-day sickness, and (with --year) the whole year; each row for highs (LP-guided, then the plain MILP) and,
 * time-limited, for javascript-lp-solver.
 */
const year = process.argv.includes('--year');
const otherLimit = Number(process.env.BENCH_OTHER_SECONDS ?? 30);
const rows: string[][] = [];
const peak = () => Math.round(process.memoryUsage().rss / 1e6);

type Strategy = 'guided' | 'direct' | 'lns';
async function row(name: string, backend: MilpBackend, seconds: number, run: (b: MilpBackend, s: number, st: Strategy) => ReturnType<typeof solveRota>, strategy: Strategy = 'guided') {
  const t = performance.now();
  try {
    const s = await run(backend, seconds, strategy);
    const statuses = [...new Set(s.windows.map((w) => w.status))].join('/');
    const uncovered = s.windows.reduce((a, w) => a + w.uncoveredMinutes, 0);
    rows.push([name, `${backend.name} ${strategy}`, statuses, s.objective.toFixed(1), s.bound.toFixed(1), `${(s.gap * 100).toFixed(2)} %`, `${uncovered} min`, s.seconds.toFixed(1), ((performance.now() - t) / 1000).toFixed(1), String(peak())]);
  } catch (e) {
    rows.push([name, `${backend.name} ${strategy}`, `no plan: ${(e as Error).message.slice(0, 60)}`, '', '', '', '', '', ((performance.now() - t) / 1000).toFixed(1), String(peak())]);
  }
  console.error(rows[rows.length - 1].join(' | '));
}

const config = apmnConfig();
const month = (from: string, to: string) => (b: MilpBackend, s: number, strategy: Strategy) => solveRota({ config, from, to }, { backend: b, windowSeconds: s, overlapDays: 0, strategy });

/** The month as published, then re-solved from 11 January after Thomas falls sick for 5 days (the timed part). */
async function replan(b: MilpBackend, s: number, strategy: Strategy) {
  const first = await solveRota({ config, from: '2027-01-01', to: '2027-01-31' }, { backend: highsBackend, windowSeconds: 60, overlapDays: 0 });
  const history = new Map(first.chosen.filter((o) => o.date < '2027-01-11').map((o) => [key(o.personId, o.date), o]));
  const previous = new Map<string, string | null>();
  for (const p of config.people) for (let d = 11; d <= 31; d++) previous.set(key(p.id, `2027-01-${d}`), null);
  for (const o of first.chosen) if (o.date >= '2027-01-11') previous.set(key(o.personId, o.date), o.id);
  const sick = parseConfig({ ...apmnConfigInput, absences: [...(apmnConfigInput.absences ?? []), { personId: 'thomas', from: '2027-01-11', to: '2027-01-15', kind: 'maladie' }] });
  const t = performance.now();
  const r = await solveRota({ config: sick, from: '2027-01-11', to: '2027-01-31', periodStart: '2027-01-01', history, previous }, { backend: b, windowSeconds: s, overlapDays: 0, strategy });
  const after = new Map(r.chosen.map((o) => [key(o.personId, o.date), o.id]));
  const changes = [...previous].filter(([k, id]) => (after.get(k) ?? null) !== id).length;
  console.error(`replanning: ${changes} person-days changed, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return r;
}

for (const [name, run, limit] of [
  ['January 2027', month('2027-01-01', '2027-01-31'), 60],
  ['August 2027 (shortage)', month('2027-08-01', '2027-08-31'), 60],
  ['Replan January, 5-day sickness', replan, 60],
] as const) {
  await row(name, highsBackend, limit, run);
  await row(name, highsBackend, limit, run, 'direct');
  await row(name, jslpBackend, otherLimit, run);
}
if (year) {
  // The year as `npm run plan` solves it by default (the search in its default time, 52 s, a HiGHS thread beside),
  // then each month LP-guided to its proof (30 s at most a month).
  const { seconds } = defaultStrategy('2027-01-01', '2027-12-31', highsBackend);
  const parallel = highsThread();
  await row('Year 2027', highsBackend, 30, (b, s, strategy) => solveRota({ config, from: '2027-01-01', to: '2027-12-31' }, { backend: b, windowSeconds: s, totalSeconds: seconds, strategy, parallel }), 'lns');
  await parallel.close();
  await row('Year 2027', highsBackend, 30, (b, s, strategy) => solveRota({ config, from: '2027-01-01', to: '2027-12-31' }, { backend: b, windowSeconds: s, strategy }));
}

// solve s: the solver's own time for the case (for the replanning row, the replan alone); wall s: the whole row.
const header = ['case', 'backend', 'status', 'objective', 'bound', 'gap', 'uncovered', 'solve s', 'wall s', 'peak MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
process.exit(0);
