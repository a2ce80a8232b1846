import { absenceOn } from '../domain/calendar.js';
import { addDays, eachDate, instantAt, isoInstant, localDate, parseIsoInstant, subtract, union } from '../domain/time.js';
import type { Rule, Violation } from './types.js';

/** Exactly one astreinte cadre at every instant of the rota, never a cadre on leave. */
export const astreinte: Rule = {
  id: 'astreinte',
  label: 'Un cadre d’astreinte à chaque instant',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const tz = ctx.config.timezone;
    const span = { start: instantAt(ctx.rota.from, 0, tz), end: instantAt(addDays(ctx.rota.to, 1), 0, tz) };
    const cadres = new Map(ctx.config.people.filter((p) => p.astreinte).map((p) => [p.id, p]));
    const turns = ctx.rota.astreinte.map((t) => ({ ...t, s: parseIsoInstant(t.start), e: parseIsoInstant(t.end) })).sort((a, b) => a.s - b.s);
    for (const t of turns) {
      if (!cadres.has(t.cadreId)) out.push({ rule: this.id, severity: 'hard', personId: t.cadreId, date: localDate(t.s, tz), message: `${t.cadreId} n’est pas un cadre d’astreinte` });
      const onLeave = eachDate(localDate(Math.max(t.s, span.start), tz), localDate(Math.min(t.e, span.end) - 1, tz)).find((d) => absenceOn(t.cadreId, d, ctx.config));
      if (onLeave) out.push({ rule: this.id, severity: 'hard', personId: t.cadreId, date: onLeave, message: `astreinte pendant un congé` });
    }
    for (let i = 1; i < turns.length; i++)
      if (turns[i].s < turns[i - 1].e && turns[i].e > span.start && turns[i].s < span.end)
        out.push({ rule: this.id, severity: 'hard', date: localDate(turns[i].s, tz), message: `deux cadres d’astreinte en même temps (${turns[i - 1].cadreId}, ${turns[i].cadreId})` });
    const declared = ctx.rota.gaps.filter((g) => g.kind === 'astreinte').map((g) => ({ start: parseIsoInstant(g.start), end: parseIsoInstant(g.end) }));
    for (const h of subtract([span], union([...turns.map((t) => ({ start: t.s, end: t.e })), ...declared])))
      out.push({ rule: this.id, severity: 'hard', date: localDate(h.start, tz), message: `aucun cadre d’astreinte de ${isoInstant(h.start, tz)} à ${isoInstant(h.end, tz)}` });
    return out;
  },
};
