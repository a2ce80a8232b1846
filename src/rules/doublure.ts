import { dayType, openingWindow } from '../domain/calendar.js';
import { parseIsoInstant } from '../domain/time.js';
import type { CheckContext, Rule, Violation } from './types.js';

export const doublure: Rule = {
  id: 'doublure',
  label: 'Doublure du samedi',
  severity: 'hard',
  check(ctx: CheckContext) {
    const out: Violation[] = [];
    for (const date of ctx.dates) {
      const required = ctx.config.doublure[dayType(date, ctx.config)];
      if (!required) continue;
      const open = openingWindow(date, ctx.config);
      let present = 0;
      for (const [, days] of ctx.days)
        if (days.get(date)?.assignments.some((a) => a.kind === 'doublure' && parseIsoInstant(a.start) < open.end && parseIsoInstant(a.end) > open.start)) present++;
      const declared = ctx.rota.gaps.filter((g) => g.kind === 'doublure' && g.date === date).length;
      if (present + declared < required) out.push({ rule: this.id, severity: 'hard', date, message: `${present} doublure(s) sur ${required} requise(s)` });
      else if (present < required) out.push({ rule: this.id, severity: 'soft', date, message: `doublure manquante, déclarée dans les trous` });
    }
    return out;
  },
};
