/**
 * The Curtois & Qu shift-scheduling instances (schedulingbenchmarks.org): the reader of their plain-text format and
 * an evaluator that recomputes a solution's penalty and lists its hard-constraint violations, independent of any
 * solver. Format and objective as in shared/benchmarks/curtois/README.md.
 */
export interface CurtoisShift {
  id: string;
  minutes: number;
  cannotFollow: string[];
}

export interface CurtoisStaff {
  id: string;
  maxShifts: Record<string, number>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
}

export interface CurtoisRequest {
  staff: string;
  day: number;
  shift: string;
  weight: number;
}

export interface CurtoisInstance {
  name: string;
  horizon: number;
  shifts: CurtoisShift[];
  staff: CurtoisStaff[];
  daysOff: Record<string, number[]>;
  onRequests: CurtoisRequest[];
  offRequests: CurtoisRequest[];
  cover: { day: number; shift: string; requirement: number; under: number; over: number }[];
}

/** One shift id or null (day off) per staff member and day, in instance order. */
export type CurtoisSolution = (string | null)[][];

export class CurtoisFormatError extends Error {}

function int(v: string | undefined, where: string): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isInteger(n)) throw new CurtoisFormatError(`${where}: "${v ?? ''}" is not an integer`);
  return n;
}

export function readCurtois(text: string, name = 'instance'): CurtoisInstance {
  const sections = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    if (line === '') {
      current = null;
      continue;
    }
    if (line.startsWith('SECTION_')) {
      current = [];
      sections.set(line.slice(8), current);
      continue;
    }
    if (!current) throw new CurtoisFormatError(`${name}: data outside a section: "${line}"`);
    current.push(line.split(','));
  }
  const need = (s: string) => {
    const rows = sections.get(s);
    if (!rows) throw new CurtoisFormatError(`${name}: missing SECTION_${s}`);
    return rows;
  };
  const horizon = int(need('HORIZON')[0]?.[0], `${name} HORIZON`);
  const shifts = need('SHIFTS').map((f, i) => ({ id: f[0], minutes: int(f[1], `${name} SHIFTS[${i}] length`), cannotFollow: (f[2] ?? '').split('|').filter(Boolean) }));
  const shiftIds = new Set(shifts.map((s) => s.id));
  const staff = need('STAFF').map((f, i) => {
    const where = `${name} STAFF[${i}]`;
    const maxShifts: Record<string, number> = {};
    for (const part of (f[1] ?? '').split('|').filter(Boolean)) {
      const [sid, n] = part.split('=');
      if (!shiftIds.has(sid)) throw new CurtoisFormatError(`${where}: unknown shift "${sid}"`);
      maxShifts[sid] = int(n, `${where} MaxShifts ${sid}`);
    }
    return {
      id: f[0],
      maxShifts,
      maxTotalMinutes: int(f[2], `${where} MaxTotalMinutes`),
      minTotalMinutes: int(f[3], `${where} MinTotalMinutes`),
      maxConsecutiveShifts: int(f[4], `${where} MaxConsecutiveShifts`),
      minConsecutiveShifts: int(f[5], `${where} MinConsecutiveShifts`),
      minConsecutiveDaysOff: int(f[6], `${where} MinConsecutiveDaysOff`),
      maxWeekends: int(f[7], `${where} MaxWeekends`),
    };
  });
  const daysOff: Record<string, number[]> = {};
  for (const f of sections.get('DAYS_OFF') ?? []) daysOff[f[0]] = f.slice(1).filter((x) => x !== '').map((d) => int(d, `${name} DAYS_OFF ${f[0]}`));
  const requests = (s: string) => (sections.get(s) ?? []).map((f) => ({ staff: f[0], day: int(f[1], `${name} ${s} day`), shift: f[2], weight: int(f[3], `${name} ${s} weight`) }));
  const cover = need('COVER').map((f) => ({ day: int(f[0], `${name} COVER day`), shift: f[1], requirement: int(f[2], `${name} COVER requirement`), under: int(f[3], `${name} COVER under`), over: int(f[4], `${name} COVER over`) }));
  return { name, horizon, shifts, staff, daysOff, onRequests: requests('SHIFT_ON_REQUESTS'), offRequests: requests('SHIFT_OFF_REQUESTS'), cover };
}

export interface Evaluation {
  penalty: number;
  violations: string[];
}

/** The benchmark's objective and hard constraints, recomputed from the solution alone. */
export function evaluateCurtois(inst: CurtoisInstance, sol: CurtoisSolution): Evaluation {
  const v: string[] = [];
  const len = new Map(inst.shifts.map((s) => [s.id, s.minutes]));
  const follow = new Map(inst.shifts.map((s) => [s.id, new Set(s.cannotFollow)]));
  const h = inst.horizon;
  if (sol.length !== inst.staff.length) v.push(`solution has ${sol.length} rows for ${inst.staff.length} staff`);
  inst.staff.forEach((e, i) => {
    const row = sol[i] ?? [];
    if (row.length !== h) v.push(`${e.id}: ${row.length} days for a horizon of ${h}`);
    const works = (d: number) => d >= 0 && d < h && row[d] != null;
    for (let d = 0; d < h; d++) {
      const t = row[d];
      if (t != null && !len.has(t)) v.push(`${e.id} day ${d}: unknown shift ${t}`);
      if (t != null && (inst.daysOff[e.id] ?? []).includes(d)) v.push(`${e.id} day ${d}: works on a day off`);
      if (d > 0 && row[d - 1] != null && t != null && follow.get(row[d - 1]!)?.has(t)) v.push(`${e.id} day ${d}: ${t} cannot follow ${row[d - 1]}`);
    }
    for (const [t, max] of Object.entries(e.maxShifts)) {
      const n = row.filter((x) => x === t).length;
      if (n > max) v.push(`${e.id}: ${n} shifts ${t}, max ${max}`);
    }
    const minutes = row.reduce((s, t) => s + (t ? (len.get(t) ?? 0) : 0), 0);
    if (minutes > e.maxTotalMinutes || minutes < e.minTotalMinutes) v.push(`${e.id}: ${minutes} minutes outside [${e.minTotalMinutes}, ${e.maxTotalMinutes}]`);
    // Runs of work and of rest; those touching an end of the horizon are exempt from the minimums.
    let d = 0;
    while (d < h) {
      const on = works(d);
      let end = d;
      while (end + 1 < h && works(end + 1) === on) end++;
      const n = end - d + 1;
      const inside = d > 0 && end < h - 1;
      if (on && n > e.maxConsecutiveShifts) v.push(`${e.id}: ${n} shifts in a row from day ${d}, max ${e.maxConsecutiveShifts}`);
      if (on && inside && n < e.minConsecutiveShifts) v.push(`${e.id}: ${n} shift(s) in a row from day ${d}, min ${e.minConsecutiveShifts}`);
      if (!on && inside && n < e.minConsecutiveDaysOff) v.push(`${e.id}: ${n} day(s) off in a row from day ${d}, min ${e.minConsecutiveDaysOff}`);
      d = end + 1;
    }
    let weekends = 0;
    for (let w = 0; 7 * w + 5 < h; w++) if (works(7 * w + 5) || works(7 * w + 6)) weekends++;
    if (weekends > e.maxWeekends) v.push(`${e.id}: ${weekends} weekends, max ${e.maxWeekends}`);
  });
  const index = new Map(inst.staff.map((e, i) => [e.id, i]));
  let penalty = 0;
  for (const r of inst.onRequests) if (sol[index.get(r.staff)!]?.[r.day] !== r.shift) penalty += r.weight;
  for (const r of inst.offRequests) if (sol[index.get(r.staff)!]?.[r.day] === r.shift) penalty += r.weight;
  for (const c of inst.cover) {
    const n = sol.filter((row) => row[c.day] === c.shift).length;
    penalty += c.under * Math.max(0, c.requirement - n) + c.over * Math.max(0, n - c.requirement);
  }
  return { penalty, violations: v };
}

export function solutionCsv(inst: CurtoisInstance, sol: CurtoisSolution): string {
  const header = ['employee', ...Array.from({ length: inst.horizon }, (_, d) => `d${d}`)].join(',');
  return [header, ...inst.staff.map((e, i) => [e.id, ...sol[i].map((t) => t ?? '')].join(','))].join('\n') + '\n';
}

/** The instance as a general shift problem (solver/shift-model): a plain renaming, no special case. */
export function toShiftProblem(inst: CurtoisInstance): import('../../solver/shift-model.js').ShiftProblem {
  return {
    days: inst.horizon,
    firstWeekday: 1,
    shiftTypes: inst.shifts.map((s) => ({ id: s.id, minutes: s.minutes, cannotFollow: s.cannotFollow })),
    workers: inst.staff.map((e) => ({
      id: e.id,
      maxByType: e.maxShifts,
      minMinutes: e.minTotalMinutes,
      maxMinutes: e.maxTotalMinutes,
      maxConsecutive: e.maxConsecutiveShifts,
      minConsecutive: e.minConsecutiveShifts,
      minConsecutiveOff: e.minConsecutiveDaysOff,
      maxWeekends: e.maxWeekends,
      unavailable: inst.daysOff[e.id] ?? [],
    })),
    cover: inst.cover.map((c) => ({ day: c.day, type: c.shift, requirement: c.requirement, underWeight: c.under, overWeight: c.over })),
    preferences: [
      ...inst.onRequests.map((r) => ({ worker: r.staff, day: r.day, type: r.shift, weight: r.weight, want: true })),
      ...inst.offRequests.map((r) => ({ worker: r.staff, day: r.day, type: r.shift, weight: r.weight, want: false })),
    ],
  };
}
