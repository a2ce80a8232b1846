import { absenceCreditMinutes, averageCapMinutes, weekDates, weekWindows } from '../domain/periods.js';
import { fmtH } from '../domain/worktime.js';
import { minutesOn } from './weekly-hours.js';
import type { Rule, Violation } from './types.js';

/** Over any 12 consecutive weeks the average stays within the contract (35 h for full time), leave counted as worked. */
export const averageHours: Rule = {
  id: 'moyenne-12-semaines',
  label: 'Moyenne hebdomadaire sur 12 semaines',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const n = ctx.config.rules.averageWindowWeeks;
    for (const p of ctx.people) {
      const cap = averageCapMinutes(p, ctx.config) * n;
      for (const w of weekWindows(ctx.rota.from, ctx.rota.to, n)) {
        const dates = w.flatMap(weekDates);
        const total = minutesOn(ctx, p.id, dates) + absenceCreditMinutes(p, dates, ctx.config);
        if (total > cap)
          out.push({ rule: this.id, severity: 'hard', personId: p.id, date: w[0], message: `moyenne de ${fmtH(total / n)} sur ${n} semaines depuis le ${w[0]}, maximum ${fmtH(cap / n)}` });
      }
    }
    return out;
  },
};
