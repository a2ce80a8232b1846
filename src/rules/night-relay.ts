import { nightWindow } from '../domain/calendar.js';
import { isoInstant, parseIsoInstant } from '../domain/time.js';
import type { Rule, Violation } from './types.js';

/** Every night, from closing to the next opening, is handed to the CHRS night watchman. */
export const nightRelay: Rule = {
  id: 'relais-nuit',
  label: 'Relais de nuit au veilleur du CHRS',
  severity: 'hard',
  check(ctx) {
    const out: Violation[] = [];
    const nights = ctx.rota.relays.filter((r) => r.kind === 'nuit');
    for (const date of ctx.dates) {
      const w = nightWindow(date, ctx.config);
      const ok = nights.some((r) => parseIsoInstant(r.start) <= w.start && parseIsoInstant(r.end) >= w.end);
      if (!ok) out.push({ rule: this.id, severity: 'hard', date, message: `pas de relais de nuit de ${isoInstant(w.start, ctx.config.timezone)} à ${isoInstant(w.end, ctx.config.timezone)}` });
    }
    return out;
  },
};
