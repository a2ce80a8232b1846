import { parseTime, toDateTime } from '../domain/time.js';
import { nightMinutes } from '../domain/worktime.js';
import type { Rule, Violation } from './types.js';

/** Night hours (21:00–06:00) counted per person; an alert near the night-worker threshold (C.trav. L3122-5). */
export const nightHours: Rule = {
  id: 'heures-de-nuit',
  label: 'Heures de nuit',
  severity: 'soft',
  check(ctx) {
    const out: Violation[] = [];
    const { nightStart, nightEnd, nightAlertHours } = ctx.config.rules;
    const ns = parseTime(nightStart);
    const ne = parseTime(nightEnd);
    const scale = 365 / Math.max(ctx.dates.length, 1);
    for (const [personId, days] of ctx.days) {
      let minutes = 0;
      for (const day of days.values())
        for (const s of day.segments) {
          const a = toDateTime(s.start, ctx.config.timezone);
          const b = toDateTime(s.end, ctx.config.timezone);
          minutes += nightMinutes(a.hour * 60 + a.minute, b.hour * 60 + b.minute || 24 * 60, ns, ne);
        }
      const yearly = (minutes / 60) * scale;
      if (yearly >= nightAlertHours * 0.9)
        out.push({ rule: this.id, severity: 'soft', personId, message: `${Math.round(minutes / 60)} h de nuit sur la période (≈ ${Math.round(yearly)} h par an, seuil ${nightAlertHours} h)` });
    }
    return out;
  },
};
