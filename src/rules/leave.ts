import { absenceOn } from '../domain/calendar.js';
import type { Rule, Violation } from './types.js';

/** Nobody is planned on a day of leave or absence. */
export const leave: Rule = {
  id: 'conge',
  label: 'Personne de planifié pendant un congé ou une absence',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    for (const [personId, days] of ctx.days)
      for (const day of days.values())
        if (day.absent && day.work) {
          const a = absenceOn(personId, day.date, ctx.config);
          out.push({ rule: this.id, severity: 'hard', personId, date: day.date, message: `planifié(e) pendant ${a ? a.kind.replace('_', ' ') : 'un congé'}` });
        }
    return out;
  },
};
