import { touchedWeeks, weekDates } from '../domain/periods.js';
import { fmtH } from '../domain/worktime.js';
import type { CheckContext, Rule, Violation } from './types.js';

export function minutesOn(ctx: CheckContext, personId: string, dates: string[]): number {
  const days = ctx.days.get(personId)!;
  return dates.reduce((s, d) => s + (days.get(d)?.work?.minutes ?? 0), 0);
}

/** No week above 44 hours (CCN 66 art. 20.3). */
export const weeklyHours: Rule = {
  id: 'duree-hebdomadaire',
  label: 'Durée hebdomadaire maximale',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const max = ctx.config.rules.maxWeeklyMinutes;
    for (const p of ctx.people)
      for (const monday of touchedWeeks(ctx.rota.from, ctx.rota.to)) {
        const m = minutesOn(ctx, p.id, weekDates(monday));
        if (m > max) out.push({ rule: this.id, severity: 'hard', personId: p.id, date: monday, message: `${fmtH(m)} la semaine du ${monday}, maximum ${fmtH(max)}` });
      }
    return out;
  },
};
