import { dayIssues, type DayIssue } from '../domain/worktime.js';
import type { CheckContext, Rule, Violation } from './types.js';

/** The three rules of a single day share one definition with the solver's day options (domain/worktime). */
function dailyRule(id: DayIssue['rule'], label: string): Rule {
  return {
    id,
    label,
    severity: 'hard',
    check(ctx: CheckContext) {
      const out: Violation[] = [];
      for (const [personId, days] of ctx.days)
        for (const day of days.values())
          for (const issue of dayIssues(day.segments, ctx.config.rules, day.long))
            if (issue.rule === id) out.push({ rule: id, severity: 'hard', personId, date: day.date, message: issue.message });
      return out;
    },
  };
}

export const dailyMax = dailyRule('duree-journaliere', 'Durée quotidienne maximale');
export const sequences = dailyRule('sequences', 'Séquences de travail dans la journée');
export const breakRule = dailyRule('pause', 'Pause de 20 minutes après 6 heures');
