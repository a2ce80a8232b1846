import type { Config } from '../domain/config.js';
import type { StaffingResult } from '../../solver/staffing.js';
import type { BinomeProposal } from './binomes.js';
import type { ScenarioFigures } from './scenarios.js';

const fr = (x: number, digits = 1) => x.toFixed(digits).replace('.', ',');
const name = (config: Config, id: string) => config.people.find((p) => p.id === id)?.name ?? id;

/** The minimum staffing, with its proof figure, as the cheffe and the direction read it. */
export function staffingText(config: Config, r: StaffingResult, backend: string): string {
  const lines = [
    `Effectif minimum de la permanence (semaines du ${r.from} au ${r.to}) — ${backend}, ${fr(r.seconds, 0)} s`,
    `  ETP minimum trouvé : ${fr(r.minFte, 2)} sur ${fr(r.poolFte, 2)} ETP de travailleurs sociaux au roulement`,
    `  borne inférieure   : ${fr(r.lowerBound, 2)} ETP (écart ${fr(r.gap * 100)} %) : aucun effectif plus petit ne tient la permanence, la doublure et les règles`,
    `  gardés             : ${r.kept.map((k) => `${name(config, k.personId)}${k.from > r.from ? ` (dès ${k.from})` : ''}`).join(', ') || '—'}`,
    `  non nécessaires    : ${r.notNeeded.map((id) => name(config, id)).join(', ') || '—'}`,
    `  reste non couvert  : ${r.uncoveredMinutes} min de permanence, ${r.missingDoublures} doublure(s) du samedi (congés posés : aucun effectif du vivier ne les couvre)`,
  ];
  return lines.join('\n');
}

export function scenariosText(rows: ScenarioFigures[]): string {
  const head = ['scénario', 'ETP rota', 'h non couvertes (min.)', 'doublures manq.', 'soirées/ETP moy (max)', 'week-ends/ETP moy (max)', 'violations', 's'];
  const body = rows.map((r) => [
    r.label,
    fr(r.rotaFte),
    `${fr(r.uncoveredHours)}${r.planned.uncoveredHours > r.uncoveredHours ? ` (planning : ${fr(r.planned.uncoveredHours)})` : ''}`,
    String(r.doublureGaps),
    `${fr(r.eveningsPerFte.mean)} (${fr(r.eveningsPerFte.max)})`,
    `${fr(r.weekendsPerFte.mean)} (${fr(r.weekendsPerFte.max)})`,
    String(r.hardViolations),
    fr(r.seconds, 0),
  ]);
  return table([head, ...body]);
}

export function binomesText(p: BinomeProposal): string {
  const out = [
    `Référents au ${p.on} : ${p.capacity.active} mesures actives sur ${p.capacity.authorised} autorisées (${fr(p.capacity.percent)} %)`,
    ...Object.entries(p.sectors).map(([s, x]) => `  ${s} : ${x.mesures} mesures, ${x.places} places de référent, ${x.young} avec un enfant de moins de 6 ans (${x.youngWithEje} avec l'EJE)`),
    '',
    table([['référent', 'fonction', 'équipe', 'ETP', 'mesures', 'part équitable'], ...p.caseload.map((c) => [c.name, c.role.toUpperCase(), c.team, fr(c.fte, 2), String(c.mesures), c.role === 'eje' ? `plafond ${c.fairShare}` : fr(c.fairShare)])]),
  ];
  const changes = p.changes.filter((c) => c.reason !== 'nouvelle mesure');
  out.push('', `${p.changes.filter((c) => c.reason === 'nouvelle mesure').length} référent(s) proposé(s) pour de nouvelles mesures ; ${changes.length} changement(s) de binômes existants${changes.length ? ' :' : '.'}`);
  for (const c of changes) out.push(`  ${c.mesureId} : ${c.change} de ${c.personId} — ${c.reason}`);
  for (const u of p.unfilled) out.push(`  ${u.mesureId} : ${u.missing} place(s) non pourvue(s) — ${u.reason}`);
  return out.join('\n');
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, k) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') + (k === 0 ? '\n' + widths.map((w) => '─'.repeat(w)).join('  ') : '')).join('\n');
}
