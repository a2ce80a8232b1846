import type { Config } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import { fmtH } from '../domain/worktime.js';
import type { Violation } from '../rules/types.js';
import { ruleLabel } from '../rules/index.js';
import { formatViolations } from './report.js';
import type { PlanReport } from './report-data.js';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const signed = (m: number) => `${m >= 0 ? '+' : '−'}${fmtH(Math.abs(m))}`;

/** The report the cheffe reads (report.txt and the CLI summary). */
export function reportText(config: Config, rota: Rota, report: PlanReport, violations: Violation[], full = true): string {
  const names = new Map(config.people.map((p) => [p.id, p.name]));
  const c = report.coverage;
  const lines: string[] = [];
  lines.push(`Planning APMN du ${report.from} au ${report.to}`);
  lines.push('');
  lines.push('Couverture');
  lines.push(`  heures d’ouverture      ${fmtH(c.openingMinutes)}`);
  lines.push(`  relais configurés       ${fmtH(c.relayMinutes)} (réunion de service : relais CHRS)`);
  lines.push(`  couvertes               ${fmtH(c.coveredMinutes)}`);
  lines.push(`  trous (pénurie)         ${fmtH(c.gapMinutes)} en ${c.gaps} créneau(x); doublures manquantes : ${c.doublureGaps}`);
  const gaps = rota.gaps.filter((g) => g.kind !== 'astreinte');
  for (const g of full ? gaps : gaps.slice(0, 10)) {
    lines.push(`  · ${g.date} ${g.start.slice(11, 16)}–${g.end.slice(11, 16)} ${g.kind} (${fmtH(g.minutes)})`);
    for (const r of g.reasons) lines.push(`      ${(names.get(r.personId) ?? r.personId).padEnd(18)} ${r.reason}`);
  }
  if (!full && gaps.length > 10) lines.push(`  … ${gaps.length - 10} autres (voir report.txt)`);
  lines.push('');
  lines.push(`Règles : ${report.violations.hard} violation(s) de règles impératives, ${report.violations.soft} avertissement(s)`);
  if (violations.length) lines.push(formatViolations(full ? violations : violations.filter((v) => v.severity === 'hard'), config, ruleLabel));
  lines.push('');
  lines.push('Heures et équité par personne');
  lines.push(`  ${'personne'.padEnd(18)} ${'ETP'.padStart(4)} ${'travaillé'.padStart(10)} ${'dû'.padStart(10)} ${'solde'.padStart(10)}  we  dim soir doub férié réun.`);
  for (const p of report.people)
    lines.push(
      `  ${p.name.padEnd(18)} ${p.fte.toFixed(2).padStart(4)} ${fmtH(p.workedMinutes).padStart(10)} ${fmtH(p.targetMinutes).padStart(10)} ${signed(p.balanceMinutes).padStart(10)} ${String(p.weekends).padStart(3)} ${String(p.sundays).padStart(4)} ${String(p.evenings).padStart(4)} ${String(p.doublures).padStart(4)} ${String(p.holidays).padStart(5)} ${p.meetingsAttended}/${p.meetingsAttended + p.meetingsMissed}`,
    );
  lines.push('');
  lines.push('Astreinte (tours, dont jours fériés, dont Noël / Nouvel an)');
  for (const [id, a] of Object.entries(report.astreinte)) lines.push(`  ${(names.get(id) ?? id).padEnd(18)} ${a.turns} tours, ${a.holidayTurns} fériés, ${a.christmasTurns} Noël/Nouvel an`);
  lines.push('');
  lines.push('Réunions du mardi');
  const missed = rota.meetings.flatMap((m) => m.absent.map((a) => ({ m, a }))).filter(({ a }) => a.reason !== 'repos' && !a.reason.startsWith('Congés'));
  lines.push(`  ${rota.meetings.length} réunions tenues, ${rota.cancelledMeetings.length} annulées ou remplacées; absences pour service : ${missed.length}`);
  for (const { m, a } of full ? missed : missed.slice(0, 5)) lines.push(`  · ${m.date} ${m.label} : ${names.get(a.personId) ?? a.personId} (${a.reason})`);
  lines.push('');
  const s = report.solve;
  lines.push(`Optimisation (${s.backend}) : objectif ${s.objective.toFixed(2)}, borne ${s.bound.toFixed(2)}, écart ${pct(s.gap)}, ${s.seconds.toFixed(1)} s de résolution, ${report.seconds.toFixed(1)} s au total`);
  for (const w of s.windows)
    lines.push(`  ${w.from} → ${w.to}  ${w.status.padEnd(8)} objectif ${w.objective.toFixed(2).padStart(10)} borne ${w.bound.toFixed(2).padStart(10)} écart ${pct(w.gap).padStart(8)} ${w.seconds.toFixed(1).padStart(6)} s  ${w.variables} var.`);
  const how = s.strategy === 'lns' ? 'par recherche à voisinages dans un temps partagé' : s.strategy === 'direct' ? 'par le modèle entier' : 'guidés par la relaxation';
  lines.push(`  (mois résolus l’un après l’autre, ${how}, avec ${s.overlapDays} jours d’anticipation; chaque borne vaut pour son mois, les mois précédents étant fixés)`);
  return lines.join('\n');
}
