import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateCurtois, readCurtois, solutionCsv, toShiftProblem } from '../src/benchmarks/curtois.js';
import { backendByName } from '../solver/backends/index.js';
import { solveShiftProblem } from '../solver/shift-model.js';
import { solveShiftLns } from '../solver/shift-lns.js';
import { highsThread } from '../solver/backends/highs-thread.js';

/** Best-known values (UB) of shared/benchmarks/curtois/README.md. */
const BEST_KNOWN: Record<number, number> = { 1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300, 9: 439, 10: 4631, 11: 3443, 12: 4040, 13: 1348, 14: 1278, 15: 3834 };
const USAGE = 'usage: npm run bench:curtois -- [--instances 1-15] [--time-limit SECONDS] [--dir PATH] [--out DIR] [--backend highs] [--method lns|milp] [--threads 1|2]';

function range(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`--instances: "${spec}" is not a list like 1-4,7`);
    for (let i = Number(m[1]); i <= Number(m[2] ?? m[1]); i++) out.push(i);
  }
  return out;
}

let values;
try {
  values = parseArgs({
    options: {
      instances: { type: 'string', default: '1-15' },
      'time-limit': { type: 'string' },
      dir: { type: 'string', default: resolve(process.cwd(), '../shared/benchmarks/curtois/instances') },
      out: { type: 'string', default: 'out/curtois' },
      backend: { type: 'string', default: 'highs' },
      method: { type: 'string', default: 'lns' },
      threads: { type: 'string', default: cpus().length > 1 ? '2' : '1' },
    },
  }).values;
} catch (e) {
  console.error(`error: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
let list: number[];
try {
  list = range(values.instances!);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(2);
}
if (values.method !== 'lns' && values.method !== 'milp') {
  console.error(`error: --method: "${values.method}" is not lns or milp\n${USAGE}`);
  process.exit(2);
}
if (values.threads !== '1' && values.threads !== '2') {
  console.error(`error: --threads: "${values.threads}" is not 1 or 2\n${USAGE}`);
  process.exit(2);
}
const backend = backendByName(values.backend!);
// The search's second solver, on the second core (HiGHS only: it is the one that runs in a thread).
const second = values.threads === '2' && values.method === 'lns' && backend.name === 'highs' ? highsThread() : undefined;
mkdirSync(values.out!, { recursive: true });
// Targets: 60 s for 1–4, 120 s for 5–9, 300 s for 10–15, unless a limit is given.
const limitFor = (n: number) => Number(values['time-limit'] ?? (n <= 4 ? 60 : n <= 9 ? 120 : 300));
const rows: string[][] = [];
for (const n of list) {
  const file = join(values.dir!, `Instance${n}.txt`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`error: cannot read ${file} (--dir)`);
    process.exit(2);
  }
  const inst = readCurtois(text, `Instance${n}`);
  const s = values.method === 'milp' ? await solveShiftProblem(toShiftProblem(inst), backend, limitFor(n)) : await solveShiftLns(toShiftProblem(inst), backend, limitFor(n), { parallel: second });
  const ok = s.solve.values.length > 0;
  const e = ok ? evaluateCurtois(inst, s.assignment) : null;
  if (ok) writeFileSync(join(values.out!, `Instance${n}.csv`), solutionCsv(inst, s.assignment));
  const best = BEST_KNOWN[n];
  rows.push([
    String(n),
    String(inst.staff.length),
    String(inst.horizon),
    e ? String(e.penalty) + (e.violations.length ? ` (${e.violations.length} hard!)` : '') : 'no solution',
    Number.isFinite(s.solve.bound) ? String(Math.ceil(s.solve.bound - 1e-6)) : '—',
    String(best),
    e ? `${(((e.penalty - best) / best) * 100).toFixed(2)} %` : '—',
    s.solve.seconds.toFixed(1),
    `${s.solve.backend}${second ? ' ×2' : ''}${s.solve.status === 'optimal' ? ' (optimal)' : ''}`,
  ]);
  console.error(rows.at(-1)!.join(' | '));
  // A search that ends early (proven optimal) may leave the thread on the whole model: the next instance starts afresh.
  await second?.close();
}
const header = ['instance', 'staff', 'days', 'objective', 'best bound', 'best known', 'gap to best known', 'seconds', 'backend'];
const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log(`Curtois & Qu instances, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
console.log(header.map((h, i) => h.padEnd(w[i])).join(' | '));
console.log(w.map((x) => '-'.repeat(x)).join('-|-'));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i])).join(' | '));
await second?.close();
