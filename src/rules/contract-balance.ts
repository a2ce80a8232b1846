import { targetMinutes } from '../domain/periods.js';
import { fmtH } from '../domain/worktime.js';
import { minutesOn } from './weekly-hours.js';
import type { Rule, Violation } from './types.js';

/** Hours worked against the contract over the rota (reported, not blocking: the running balance carries it). */
export const contractBalance: Rule = {
  id: 'solde-horaire',
  label: 'Heures du contrat',
  severity: 'soft',
  check(ctx) {
    const out: Violation[] = [];
    const tolerance = 7 * 60;
    for (const p of ctx.people) {
      const worked = minutesOn(ctx, p.id, ctx.dates);
      const target = targetMinutes(p, ctx.dates, ctx.config);
      if (Math.abs(worked - target) > tolerance)
        out.push({ rule: this.id, severity: 'soft', personId: p.id, message: `${fmtH(worked)} travaillées pour ${fmtH(target)} dues (écart ${worked > target ? '+' : '−'}${fmtH(Math.abs(worked - target))})` });
    }
    return out;
  },
};
