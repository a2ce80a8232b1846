import type { Config } from '../domain/config.js';
import { absenceOn } from '../domain/calendar.js';
import { WORK_KINDS, type Rota } from '../domain/rota.js';
import { eachDate, parseIsoInstant } from '../domain/time.js';
import { dayWork } from '../domain/worktime.js';
import type { CheckContext, PersonDay } from './types.js';

export function buildContext(config: Config, rota: Rota): CheckContext {
  const dates = eachDate(rota.from, rota.to);
  const people = config.people.filter((p) => p.planned);
  const days = new Map<string, Map<string, PersonDay>>();
  const longTemplates = new Set(config.shiftTemplates.filter((t) => t.long).map((t) => t.id));
  for (const p of people) {
    const m = new Map<string, PersonDay>();
    for (const date of dates) m.set(date, { date, assignments: [], segments: [], work: null, absent: !!absenceOn(p.id, date, config), long: false });
    days.set(p.id, m);
  }
  for (const a of rota.assignments) {
    const day = days.get(a.personId)?.get(a.date);
    if (!day) continue;
    day.assignments.push(a);
    if (a.kind === 'conge') day.absent = true;
    if (!WORK_KINDS.has(a.kind)) continue;
    day.segments.push({ start: parseIsoInstant(a.start), end: parseIsoInstant(a.end), site: a.site, breakMinutes: a.breakMinutes });
    if (a.templateId && longTemplates.has(a.templateId)) day.long = true;
  }
  for (const m of days.values()) for (const day of m.values()) day.work = dayWork(day.segments, config.rules);
  return { config, rota, dates, people, days };
}

export function isWorking(ctx: CheckContext, personId: string, date: string): boolean {
  return !!ctx.days.get(personId)?.get(date)?.work;
}
