import type { Rule, Violation } from './types.js';

/** Permanence and doublure are held by people on the permanence rota only. */
export const rotaMembership: Rule = {
  id: 'hors-rota',
  label: 'Permanence tenue par une personne du roulement',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    for (const p of ctx.people) {
      if (p.onRota) continue;
      for (const day of ctx.days.get(p.id)!.values())
        for (const a of day.assignments)
          if (a.kind === 'permanence' || a.kind === 'doublure')
            out.push({ rule: this.id, severity: 'hard', personId: p.id, date: day.date, message: `${a.label} confiée à une personne hors roulement` });
    }
    return out;
  },
};
