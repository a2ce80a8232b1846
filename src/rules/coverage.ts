import { openingWindow, relayWindowsOn } from '../domain/calendar.js';
import { intersect, isoInstant, parseIsoInstant, subtract, union, type Interval } from '../domain/time.js';
import { fmtH } from '../domain/worktime.js';
import type { CheckContext, Rule, Violation } from './types.js';

/** Permanence time that really covers: a worker in a meeting does not cover, whatever the rota says. */
export function coveredIntervals(ctx: CheckContext, date: string): Interval[] {
  const covered: Interval[] = [];
  for (const [, days] of ctx.days) {
    const day = days.get(date);
    if (!day) continue;
    const perm = day.assignments.filter((a) => a.kind === 'permanence').map((a) => ({ start: parseIsoInstant(a.start), end: parseIsoInstant(a.end) }));
    if (perm.length === 0) continue;
    const meetings = day.assignments.filter((a) => a.kind === 'reunion' && a.site !== 'hebergement').map((a) => ({ start: parseIsoInstant(a.start), end: parseIsoInstant(a.end) }));
    covered.push(...subtract(perm, meetings));
  }
  return union(covered);
}

/** Opening time with no permanence worker present, outside the configured relays. */
export function uncoveredIntervals(ctx: CheckContext, date: string): Interval[] {
  const relays = relayWindowsOn(date, ctx.config).filter((r) => r.kind === 'reunion');
  const required = subtract([openingWindow(date, ctx.config)], relays);
  return subtract(required, coveredIntervals(ctx, date));
}

export const coverage: Rule = {
  id: 'couverture',
  label: 'Présence éducative pendant les heures d’ouverture',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const tz = ctx.config.timezone;
    const declared = ctx.rota.gaps.filter((g) => g.kind === 'permanence').map((g) => ({ start: parseIsoInstant(g.start), end: parseIsoInstant(g.end) }));
    for (const date of ctx.dates) {
      const holes = uncoveredIntervals(ctx, date);
      for (const h of subtract(holes, declared))
        out.push({ rule: this.id, severity: 'hard', date, message: `personne de permanence de ${isoInstant(h.start, tz).slice(11, 16)} à ${isoInstant(h.end, tz).slice(11, 16)} (${fmtH(h.end - h.start)})` });
      for (const h of intersect(holes, declared))
        out.push({ rule: this.id, severity: 'soft', date, message: `trou déclaré de ${isoInstant(h.start, tz).slice(11, 16)} à ${isoInstant(h.end, tz).slice(11, 16)} (${fmtH(h.end - h.start)})` });
    }
    return out;
  },
};
