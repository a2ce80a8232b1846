import type { Rule, Violation } from './types.js';

/** No more than 6 days of work in a row. */
export const consecutiveDays: Rule = {
  id: 'jours-consecutifs',
  label: 'Jours travaillés consécutifs',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const max = ctx.config.rules.maxConsecutiveDays;
    for (const [personId, days] of ctx.days) {
      let run = 0;
      for (const day of days.values()) {
        run = day.work ? run + 1 : 0;
        if (run === max + 1) out.push({ rule: this.id, severity: 'hard', personId, date: day.date, message: `${run} jours travaillés d’affilée, maximum ${max}` });
      }
    }
    return out;
  },
};
