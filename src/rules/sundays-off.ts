import { sundayWindows } from '../domain/periods.js';
import { isWorking } from './context.js';
import type { Rule, Violation } from './types.js';

/** At least 2 Sundays off in every 4 consecutive weeks. */
export const sundaysOff: Rule = {
  id: 'dimanches',
  label: 'Dimanches de repos sur 4 semaines',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const min = ctx.config.rules.minSundaysOffPer4Weeks;
    for (const p of ctx.people)
      for (const w of sundayWindows(ctx.rota.from, ctx.rota.to)) {
        const off = w.filter((d) => !isWorking(ctx, p.id, d)).length;
        if (off < min) out.push({ rule: this.id, severity: 'hard', personId: p.id, date: w[0], message: `${off} dimanche(s) de repos du ${w[0]} au ${w[3]}, minimum ${min}` });
      }
    return out;
  },
};
