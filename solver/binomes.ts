import type { MilpBackend } from './backend.js';
import { ModelBuilder, type Terms } from './lp.js';

/** The referents problem as plain data: who may follow which mesure, how many each needs, what is kept. */
export interface BinomeProblem {
  mesures: { id: string; sector: string; referents: number; priority: boolean; ejeEligible: boolean }[];
  workers: { id: string; team: string; fte: number; eje: boolean }[];
  /** Pairs (mesure, worker) allowed. */
  allowed: (mesureId: string, workerId: string) => boolean;
  ejeCap: number;
  /** Referents kept as they are (stability): mesure id → worker ids, all allowed. */
  keep: Map<string, string[]>;
}

export interface BinomeSolution {
  referents: Map<string, string[]>;
  /** Referent places no allowed worker could take. */
  missing: Map<string, number>;
  status: string;
  objective: number;
  bound: number;
  seconds: number;
}

// Lexicographic by scale: fill every place, then give the EJE's places to the youngest, then balance caseloads.
const MISSING = 1_000_000;
const EJE_PRIORITY = 1_000;
const EJE_YOUNG = 100;
const BALANCE = 10;

export async function solveBinomes(p: BinomeProblem, backend: MilpBackend, timeLimitSeconds = 20): Promise<BinomeSolution> {
  const b = new ModelBuilder();
  const x = new Map<string, number>();
  const byWorker = new Map<string, Terms>(p.workers.map((w) => [w.id, []]));
  const missingVars = new Map<string, number>();
  for (const m of p.mesures) {
    const kept = new Set(p.keep.get(m.id) ?? []);
    const row: Terms = [];
    const socialWorkers: Terms = [];
    for (const w of p.workers) {
      if (!p.allowed(m.id, w.id) && !kept.has(w.id)) continue;
      const reward = w.eje ? -(m.priority ? EJE_PRIORITY : m.ejeEligible ? EJE_YOUNG : 0) : 0;
      const v = b.binary(`x_${m.id}_${w.id}`, reward, 'eje');
      if (kept.has(w.id)) b.fix(v, 1);
      x.set(`${m.id}|${w.id}`, v);
      row.push([v, 1]);
      byWorker.get(w.id)!.push([v, 1]);
      if (!w.eje) socialWorkers.push([v, 1]);
    }
    const short = b.addVar(`missing_${m.id}`, { lb: 0, ub: m.referents, cost: MISSING, integer: true, tag: 'manque' });
    missingVars.set(m.id, short);
    // The places are filled (kept referents beyond the need stay); at least one is not the EJE.
    b.addRow(`places_${m.id}`, [...row, [short, 1]], m.referents, Math.max(m.referents, kept.size));
    const swShort = b.addVar(`missing_ts_${m.id}`, { lb: 0, ub: 1, cost: MISSING, tag: 'manque' });
    b.ge(`ts_${m.id}`, [...socialWorkers, [swShort, 1]], 1);
  }
  for (const w of p.workers.filter((w) => w.eje)) {
    const load = byWorker.get(w.id)!;
    const kept = [...p.keep.values()].filter((ids) => ids.includes(w.id)).length;
    if (load.length) b.le(`cap_${w.id}`, load, Math.max(p.ejeCap, kept));
  }
  // Within a sector, the social workers' places shared in proportion to FTE.
  for (const sector of new Set(p.mesures.map((m) => m.sector))) {
    const team = p.workers.filter((w) => !w.eje && p.mesures.some((m) => m.sector === sector && x.has(`${m.id}|${w.id}`)));
    const totalFte = team.reduce((s, w) => s + w.fte, 0);
    if (team.length < 2 || totalFte === 0) continue;
    const inSector = (w: { id: string }) => p.mesures.filter((m) => m.sector === sector).flatMap((m) => (x.has(`${m.id}|${w.id}`) ? [[x.get(`${m.id}|${w.id}`)!, 1] as [number, number]] : []));
    const total = b.addVar(`total_${sector}`, { lb: 0 });
    b.eq(`totaldef_${sector}`, [[total, 1], ...team.flatMap(inSector).map(([v, c]) => [v, -c] as [number, number])], 0);
    for (const w of team) b.absDeviation(`share_${sector}_${w.id}`, [...inSector(w), [total, -w.fte / totalFte]], 0, BALANCE / Math.max(w.fte, 0.1), 'equilibre');
  }
  // Proven within one mesure of caseload balance: the balance is symmetric and proving the last unit costs minutes.
  const r = await backend.solve(b.m, { timeLimitSeconds, mipRelGap: 1e-9, mipAbsGap: BALANCE });
  if (r.status !== 'optimal' && r.status !== 'feasible') throw new Error(`no assignment of referents found (${r.backend}: ${r.status})`);
  const referents = new Map<string, string[]>(p.mesures.map((m) => [m.id, []]));
  for (const [k, v] of x) if (r.values[v] > 0.5) referents.get(k.split('|')[0])!.push(k.split('|')[1]);
  const missing = new Map<string, number>();
  for (const [id, v] of missingVars) if (r.values[v] > 0.5) missing.set(id, Math.round(r.values[v]));
  return { referents, missing, status: r.status, objective: r.objective, bound: r.bound, seconds: r.seconds };
}
