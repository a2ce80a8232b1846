import { fullWeeks, weekDates, weeklyRestPairs } from '../domain/periods.js';
import { addDays } from '../domain/time.js';
import { isWorking } from './context.js';
import type { Rule, Violation } from './types.js';

/** Two days off in every week, two of them in a row (CCN 66 art. 21); 5 days in 2 weeks on an irregular rhythm. */
export const weeklyRest: Rule = {
  id: 'repos-hebdomadaire',
  label: 'Repos hebdomadaire',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const { weeklyRestDays, weeklyRestConsecutive } = ctx.config.rules;
    const weeks = fullWeeks(ctx.rota.from, ctx.rota.to);
    const inRange = (d: string) => d >= ctx.rota.from && d <= ctx.rota.to;
    for (const p of ctx.people) {
      weeks.forEach((monday, i) => {
        const off = weekDates(monday).filter((d) => !isWorking(ctx, p.id, d)).length;
        if (off < weeklyRestDays) out.push({ rule: this.id, severity: 'hard', personId: p.id, date: monday, message: `${off} jour(s) de repos dans la semaine du ${monday}, minimum ${weeklyRestDays}` });
        else if (weeklyRestConsecutive && !weeklyRestPairs(monday).some(([a, b]) => inRange(a) && inRange(b) && !isWorking(ctx, p.id, a) && !isWorking(ctx, p.id, b)))
          out.push({ rule: this.id, severity: 'hard', personId: p.id, date: monday, message: `pas deux jours de repos consécutifs dans la semaine du ${monday}` });
        if (p.irregularRhythm && i > 0 && weeks[i - 1] === addDays(monday, -7)) {
          const off2 = [...weekDates(weeks[i - 1]), ...weekDates(monday)].filter((d) => !isWorking(ctx, p.id, d)).length;
          if (off2 < 2 * weeklyRestDays + 1)
            out.push({ rule: this.id, severity: 'hard', personId: p.id, date: monday, message: `${off2} jours de repos sur deux semaines, minimum ${2 * weeklyRestDays + 1} (rythme irrégulier)` });
        }
      });
    }
    return out;
  },
};
