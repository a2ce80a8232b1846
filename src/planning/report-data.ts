import type { Config } from '../domain/config.js';
import { openingWindow, relayWindowsOn } from '../domain/calendar.js';
import { holidayName } from '../domain/holidays.js';
import { targetMinutes } from '../domain/periods.js';
import type { Rota } from '../domain/rota.js';
import { addDays, eachDate, intersect, parseIsoInstant, totalLength, union, weekday } from '../domain/time.js';
import { dayWork } from '../domain/worktime.js';
import type { AstreintePlan } from '../../solver/astreinte.js';
import type { RotaSolution } from '../../solver/solve-rota.js';
import type { CheckResult } from '../rules/index.js';

export interface PersonFigures {
  personId: string;
  name: string;
  fte: number;
  workedMinutes: number;
  targetMinutes: number;
  balanceMinutes: number;
  weekends: number;
  sundays: number;
  evenings: number;
  doublures: number;
  holidays: number;
  meetingsAttended: number;
  meetingsMissed: number;
}

export interface PlanReport {
  from: string;
  to: string;
  coverage: { openingMinutes: number; relayMinutes: number; coveredMinutes: number; gapMinutes: number; gaps: number; doublureGaps: number };
  violations: { hard: number; soft: number };
  people: PersonFigures[];
  astreinte: Record<string, { turns: number; holidayTurns: number; christmasTurns: number }>;
  solve: { backend: string; strategy: RotaSolution['strategy']; overlapDays: number; objective: number; bound: number; gap: number; seconds: number; windows: RotaSolution['windows'] };
  seconds: number;
}

/** Figures for the cheffe, recomputed from the rota itself (not from the solver's variables). */
export function buildReport(config: Config, rota: Rota, solution: RotaSolution, astreinte: AstreintePlan, check: CheckResult, seconds: number): PlanReport {
  const dates = eachDate(rota.from, rota.to);
  let openingMinutes = 0;
  let relayMinutes = 0;
  let coveredMinutes = 0;
  for (const date of dates) {
    const open = openingWindow(date, config);
    openingMinutes += open.end - open.start;
    relayMinutes += totalLength(intersect([open], relayWindowsOn(date, config).filter((r) => r.kind === 'reunion')));
    const perm = rota.assignments.filter((a) => a.date === date && a.kind === 'permanence').map((a) => ({ start: parseIsoInstant(a.start), end: parseIsoInstant(a.end) }));
    coveredMinutes += totalLength(intersect([open], union(perm)));
  }
  const gaps = rota.gaps.filter((g) => g.kind === 'permanence');
  const people: PersonFigures[] = config.people
    .filter((p) => p.planned)
    .map((p) => {
      const mine = rota.assignments.filter((a) => a.personId === p.id && a.kind !== 'conge');
      const byDate = new Map<string, typeof mine>();
      for (const a of mine) byDate.set(a.date, [...(byDate.get(a.date) ?? []), a]);
      let worked = 0;
      let weekends = 0;
      const weekendSeen = new Set<string>();
      for (const [date, list] of byDate) {
        worked += dayWork(list.map((a) => ({ start: parseIsoInstant(a.start), end: parseIsoInstant(a.end) })), config.rules)?.minutes ?? 0;
        if (weekday(date) >= 6 && list.some((a) => a.kind === 'permanence' || a.kind === 'doublure')) {
          const saturday = weekday(date) === 6 ? date : addDays(date, -1);
          if (!weekendSeen.has(saturday)) weekendSeen.add(saturday), weekends++;
        }
      }
      const target = targetMinutes(p, dates, config);
      const onPerm = (pred: (a: (typeof mine)[number]) => boolean) => new Set(mine.filter(pred).map((a) => a.date)).size;
      return {
        personId: p.id,
        name: p.name,
        fte: p.fte,
        workedMinutes: worked,
        targetMinutes: target,
        balanceMinutes: worked - target,
        weekends,
        sundays: onPerm((a) => weekday(a.date) === 7 && a.kind === 'permanence'),
        evenings: onPerm((a) => !!config.shiftTemplates.find((t) => t.id === a.templateId)?.evening && a.kind === 'permanence'),
        doublures: onPerm((a) => a.kind === 'doublure'),
        holidays: onPerm((a) => !!holidayName(a.date) && a.kind === 'permanence'),
        meetingsAttended: rota.meetings.filter((m) => m.present.includes(p.id)).length,
        meetingsMissed: rota.meetings.filter((m) => m.absent.some((x) => x.personId === p.id)).length,
      };
    });
  return {
    from: rota.from,
    to: rota.to,
    coverage: { openingMinutes, relayMinutes, coveredMinutes, gapMinutes: gaps.reduce((s, g) => s + g.minutes, 0), gaps: gaps.length, doublureGaps: rota.gaps.filter((g) => g.kind === 'doublure').length },
    violations: { hard: check.hard, soft: check.soft },
    people,
    astreinte: astreinte.counts,
    solve: { backend: solution.backend, strategy: solution.strategy, overlapDays: solution.overlapDays, objective: solution.objective, bound: solution.bound, gap: solution.gap, seconds: solution.seconds, windows: solution.windows },
    seconds,
  };
}
