import type { Config, Person } from '../domain/config.js';
import { eligible, isActive, referentPool, referentsNeeded, youngest, type Binomes, type MesureSet } from '../domain/mesures.js';
import type { MilpBackend } from '../../solver/backend.js';
import { solveBinomes } from '../../solver/binomes.js';

export interface BinomeChange {
  mesureId: string;
  personId: string;
  change: 'ajout' | 'retrait';
  reason: string;
}

export interface CaseloadRow {
  personId: string;
  name: string;
  role: string;
  team: string;
  fte: number;
  mesures: number;
  /** The fair share of the team's places in proportion to FTE (for the EJE: her cap). */
  fairShare: number;
}

export interface BinomeProposal {
  on: string;
  referents: Binomes;
  changes: BinomeChange[];
  /** Mesures left with fewer referents than they need, and why. */
  unfilled: { mesureId: string; missing: number; reason: string }[];
  caseload: CaseloadRow[];
  sectors: Record<string, { mesures: number; places: number; young: number; youngWithEje: number }>;
  capacity: { active: number; authorised: number; percent: number };
  solve: { status: string; objective: number; bound: number; seconds: number };
}

/**
 * Proposes the referents of every mesure active on `on`: current binômes kept wherever they still hold, new mesures
 * and freed places filled by the optimiser (sector, EJE for the youngest within her cap, caseloads in proportion to
 * FTE). Every change to a current binôme comes with its reason.
 */
export async function proposeBinomes(config: Config, set: MesureSet, current: Binomes, on: string, backend: MilpBackend): Promise<BinomeProposal> {
  const rules = set.rules;
  const pool = referentPool(config);
  const byId = new Map(pool.map((p) => [p.id, p]));
  const active = set.mesures.filter((m) => isActive(m, on)).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const changes: BinomeChange[] = [];
  const keep = new Map<string, string[]>();
  const ejeKept = new Map<string, number>();
  for (const m of active) {
    const kept: string[] = [];
    for (const id of current[m.id] ?? []) {
      const p = byId.get(id);
      const reason = !p
        ? `${config.people.find((x) => x.id === id)?.name ?? id} ne fait plus partie des référents de l'équipe`
        : !eligible(p, m, rules)
          ? p.role === 'eje'
            ? `le plus jeune enfant a ${youngest(m)} ans (l'EJE suit les moins de ${rules.ejeMaxAge} ans)`
            : `${p.name} n'est plus dans l'équipe ${m.sector}`
          : p.role === 'eje' && (ejeKept.get(p.id) ?? 0) >= rules.ejeCap
            ? `plafond de l'EJE atteint (${rules.ejeCap} mesures)`
            : null;
      if (reason) changes.push({ mesureId: m.id, personId: id, change: 'retrait', reason });
      else {
        kept.push(id);
        if (p!.role === 'eje') ejeKept.set(p!.id, (ejeKept.get(p!.id) ?? 0) + 1);
      }
    }
    if (kept.length) keep.set(m.id, kept);
  }
  const mesure = new Map(active.map((m) => [m.id, m]));
  const solution = await solveBinomes(
    {
      mesures: active.map((m) => ({ id: m.id, sector: m.sector, referents: referentsNeeded(m, rules), priority: youngest(m) < rules.priorityAge, ejeEligible: youngest(m) < rules.ejeMaxAge })),
      workers: pool.map((p) => ({ id: p.id, team: p.team, fte: p.fte, eje: p.role === 'eje' })),
      allowed: (mid, wid) => eligible(byId.get(wid)!, mesure.get(mid)!, rules),
      ejeCap: rules.ejeCap,
      keep,
    },
    backend,
  );
  const referents: Binomes = {};
  for (const m of active) {
    const ids = solution.referents.get(m.id) ?? [];
    referents[m.id] = ids;
    const before = new Set(keep.get(m.id) ?? []);
    const isNew = !current[m.id];
    for (const id of ids)
      if (!before.has(id))
        changes.push({ mesureId: m.id, personId: id, change: 'ajout', reason: isNew ? 'nouvelle mesure' : changes.some((c) => c.mesureId === m.id && c.change === 'retrait') ? 'remplace un référent retiré' : 'place de référent à pourvoir' });
  }
  for (const [id, ids] of Object.entries(current))
    if (!mesure.has(id)) for (const pid of ids) changes.push({ mesureId: id, personId: pid, change: 'retrait', reason: 'mesure terminée ou inconnue à cette date' });

  const unfilled = [...solution.missing].map(([id, missing]) => ({ mesureId: id, missing, reason: `aucun autre travailleur social de l'équipe ${mesure.get(id)!.sector} disponible` }));
  return {
    on,
    referents,
    changes,
    unfilled,
    caseload: caseload(pool, active, referents, rules.ejeCap),
    sectors: sectors(active, referents, byId, rules),
    capacity: { active: active.length, authorised: rules.authorised, percent: Math.round((1000 * active.length) / rules.authorised) / 10 },
    solve: { status: solution.status, objective: solution.objective, bound: solution.bound, seconds: solution.seconds },
  };
}

function caseload(pool: Person[], active: MesureSet['mesures'], referents: Binomes, ejeCap: number): CaseloadRow[] {
  const load = (id: string) => active.filter((m) => referents[m.id]?.includes(id)).length;
  return pool.map((p) => {
    let fairShare = ejeCap;
    if (p.role !== 'eje') {
      const team = pool.filter((x) => x.role !== 'eje' && x.team === p.team);
      const places = active.filter((m) => m.sector === p.team || p.team === 'transversal').reduce((s, m) => s + (referents[m.id] ?? []).filter((id) => team.some((x) => x.id === id)).length, 0);
      fairShare = Math.round((10 * places * p.fte) / team.reduce((s, x) => s + x.fte, 0)) / 10;
    }
    return { personId: p.id, name: p.name, role: p.role, team: p.team, fte: p.fte, mesures: load(p.id), fairShare };
  });
}

function sectors(active: MesureSet['mesures'], referents: Binomes, byId: Map<string, Person>, rules: MesureSet['rules']) {
  const out: BinomeProposal['sectors'] = {};
  for (const m of active) {
    const s = (out[m.sector] ??= { mesures: 0, places: 0, young: 0, youngWithEje: 0 });
    s.mesures++;
    s.places += referentsNeeded(m, rules);
    if (youngest(m) < rules.priorityAge) {
      s.young++;
      if ((referents[m.id] ?? []).some((id) => byId.get(id)?.role === 'eje')) s.youngWithEje++;
    }
  }
  return out;
}
