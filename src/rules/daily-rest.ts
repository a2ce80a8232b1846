import { restBetween, fmtH } from '../domain/worktime.js';
import type { Rule, Violation } from './types.js';

/** At least 11 consecutive hours between two days of work, measured between instants. */
export const dailyRest: Rule = {
  id: 'repos-quotidien',
  label: 'Repos quotidien de 11 heures',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const min = ctx.config.rules.minDailyRestMinutes;
    for (const [personId, days] of ctx.days) {
      const list = [...days.values()];
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1].work;
        const b = list[i].work;
        if (!a || !b) continue;
        const rest = restBetween(a, b);
        if (rest < min)
          out.push({ rule: this.id, severity: 'hard', personId, date: list[i].date, message: `${fmtH(rest)} de repos entre le ${list[i - 1].date} et le ${list[i].date}, minimum ${fmtH(min)}` });
      }
    }
    return out;
  },
};
