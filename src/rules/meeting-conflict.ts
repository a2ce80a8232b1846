import { parseIsoInstant } from '../domain/time.js';
import type { Rule, Violation } from './types.js';

/** A worker on permanence is not in a meeting elsewhere at the same time, nor without the travel time between sites. */
export const meetingConflict: Rule = {
  id: 'reunion-permanence',
  label: 'Pas de réunion pendant une permanence (trajet compris)',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const travel = ctx.config.rules.travelMinutes;
    for (const [personId, days] of ctx.days)
      for (const day of days.values()) {
        const perms = day.assignments.filter((a) => a.kind === 'permanence');
        const meetings = day.assignments.filter((a) => a.kind === 'reunion');
        for (const p of perms)
          for (const m of meetings) {
            const pad = m.site === p.site ? 0 : travel;
            if (parseIsoInstant(m.start) < parseIsoInstant(p.end) + pad && parseIsoInstant(p.start) < parseIsoInstant(m.end) + pad)
              out.push({ rule: this.id, severity: 'hard', personId, date: day.date, message: `${m.label} pendant ${p.label}` });
          }
      }
    return out;
  },
};
