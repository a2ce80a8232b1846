import type { Config } from '../domain/config.js';
import { absenceOn } from '../domain/calendar.js';
import { optionFromAssignments, type DayOption } from '../domain/day-options.js';
import type { Rota } from '../domain/rota.js';
import { addDays, eachDate, toDateTime, type IsoDate } from '../domain/time.js';
import type { MilpBackend } from '../../solver/backend.js';
import { planAstreinte } from '../../solver/astreinte.js';
import { solveRota } from '../../solver/solve-rota.js';
import { checkRota, type CheckResult } from '../rules/index.js';
import { assembleRota, optionKey } from './assemble.js';
import { findGaps } from './gaps.js';

export interface Change {
  personId: string;
  date: IsoDate;
  before: string | null;
  after: string | null;
  /** Inside the notice window (CCN 66 art. 20.8): the person must agree, and the change is flagged. */
  shortNotice: boolean;
}

export interface ReplanResult {
  rota: Rota;
  changes: Change[];
  check: CheckResult;
  seconds: number;
}

const hm = (t: number, tz: string) => toDateTime(t, tz).toFormat('HH:mm');
const label = (o: DayOption | null, tz: string) => (o ? `${o.label} ${o.work.sequences.map((s) => `${hm(s.start, tz)}–${hm(s.end, tz)}`).join(', ')}` : null);

/**
 * Replans [from, published.to] after absences have been added to the configuration: days before `from` and locked
 * days stay as published, the rest is re-solved with a cost on every change, and every change is listed.
 */
export async function replan(req: { config: Config; published: Rota; from: IsoDate; today: IsoDate; backend: MilpBackend; windowSeconds?: number }): Promise<ReplanResult> {
  const { config, published, from } = req;
  if (from < published.from || from > published.to) throw new Error(`from: ${from} is outside the published planning (${published.from} – ${published.to})`);
  const t0 = performance.now();
  const people = config.people.filter((p) => p.planned);
  const history = new Map<string, DayOption>();
  const locked = new Map<string, DayOption>();
  const previous = new Map<string, string | null>();
  const before = new Map<string, DayOption | null>();
  for (const p of people)
    for (const date of eachDate(published.from, published.to)) {
      const o = optionFromAssignments(p, date, published.assignments, config);
      const k = optionKey(p.id, date);
      before.set(k, o);
      if (date < from) {
        if (o) history.set(k, o);
        continue;
      }
      const isLocked = published.assignments.some((a) => a.personId === p.id && a.date === date && a.locked);
      if (isLocked && o && !absenceOn(p.id, date, config)) locked.set(k, o);
      previous.set(k, o ? o.id : null);
    }
  const solution = await solveRota(
    { config, from, to: published.to, periodStart: published.from, history, locked, previous },
    { backend: req.backend, windowSeconds: req.windowSeconds },
  );
  const chosen = [...history.values(), ...solution.chosen];
  const astreinteBroken = published.astreinte.some((t) => eachDate(t.start.slice(0, 10), t.end.slice(0, 10)).some((d) => absenceOn(t.cadreId, d, config)));
  const astreinte = astreinteBroken ? (await planAstreinte(config, published.from, published.to, req.backend)).turns : published.astreinte;
  const gaps = [...published.gaps.filter((g) => g.date < from), ...findGaps(config, from, published.to, solution.chosen)];
  const rota = assembleRota({ config, from: published.from, to: published.to, chosen, astreinte, gaps, locked: new Set(locked.keys()) });
  const after = new Map(chosen.map((o) => [optionKey(o.personId, o.date), o]));
  const noticeEnd = addDays(req.today, config.rules.noticeDays);
  const changes: Change[] = [];
  for (const p of people)
    for (const date of eachDate(from, published.to)) {
      const k = optionKey(p.id, date);
      const b = label(before.get(k) ?? null, config.timezone);
      const a = label(after.get(k) ?? null, config.timezone);
      if (b !== a) changes.push({ personId: p.id, date, before: b, after: a, shortNotice: date < noticeEnd });
    }
  changes.sort((a, b) => a.date.localeCompare(b.date) || a.personId.localeCompare(b.personId));
  return { rota, changes, check: checkRota(config, rota), seconds: (performance.now() - t0) / 1000 };
}
