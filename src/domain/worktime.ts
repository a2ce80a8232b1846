import type { Rules } from './config.js';
import { union, type Instant, type Interval } from './time.js';

/**
 * The working-time primitives shared by the solver (to build only lawful day options) and the rule checker (to
 * judge any rota): one definition of a work day, a sequence, and rest.
 */
export interface WorkSegment extends Interval {
  site?: string;
  breakMinutes?: number;
}

export interface DayWork {
  /** Worked minutes: the sequences' lengths, travel between sites included. */
  minutes: number;
  sequences: Interval[];
  first: Instant;
  last: Instant;
}

/** Segments closer than the travel time are one sequence: the travel between them is working time. */
export function sequencesOf(segments: WorkSegment[], travelMinutes: number): Interval[] {
  const merged = union(segments);
  const out: Interval[] = [];
  for (const s of merged) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= travelMinutes) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function dayWork(segments: WorkSegment[], rules: Rules): DayWork | null {
  if (segments.length === 0) return null;
  const sequences = sequencesOf(segments, rules.travelMinutes);
  return {
    minutes: sequences.reduce((s, q) => s + q.end - q.start, 0),
    sequences,
    first: sequences[0].start,
    last: sequences[sequences.length - 1].end,
  };
}

export interface DayIssue {
  rule: 'duree-journaliere' | 'sequences' | 'pause';
  message: string;
}

/** What is wrong with one day's work on its own (daily maximum, sequences, break). */
export function dayIssues(segments: WorkSegment[], rules: Rules, allowLong = false): DayIssue[] {
  const w = dayWork(segments, rules);
  if (!w) return [];
  const issues: DayIssue[] = [];
  const max = allowLong ? rules.maxDailyMinutesFlagged : rules.maxDailyMinutes;
  if (w.minutes > max) issues.push({ rule: 'duree-journaliere', message: `${fmtH(w.minutes)} travaillées, maximum ${fmtH(max)}` });
  if (w.sequences.length > rules.maxSequencesPerDay)
    issues.push({ rule: 'sequences', message: `${w.sequences.length} séquences de travail, maximum ${rules.maxSequencesPerDay}` });
  const short = w.sequences.filter((q) => q.end - q.start < rules.minSequenceMinutes);
  if (short.length > 0 && w.sequences.length > 1)
    issues.push({ rule: 'sequences', message: `séquence de ${fmtH(short[0].end - short[0].start)}, minimum ${fmtH(rules.minSequenceMinutes)}` });
  for (const q of w.sequences) {
    if (q.end - q.start <= rules.breakAfterMinutes) continue;
    const breaks = segments.filter((s) => s.start >= q.start && s.end <= q.end).reduce((m, s) => Math.max(m, s.breakMinutes ?? 0), 0);
    const gaps = innerGaps(segments, q);
    if (breaks < rules.breakMinutes && gaps < rules.breakMinutes)
      issues.push({ rule: 'pause', message: `séquence de ${fmtH(q.end - q.start)} sans pause de ${rules.breakMinutes} min` });
  }
  return issues;
}

/** Longest pause inside a sequence (e.g. between a shift and a meeting). */
function innerGaps(segments: WorkSegment[], q: Interval): number {
  const inside = union(segments.filter((s) => s.start >= q.start && s.end <= q.end));
  let best = 0;
  for (let i = 1; i < inside.length; i++) best = Math.max(best, inside[i].start - inside[i - 1].end);
  return best;
}

/** Rest between two days of work, on instants (a DST night has its real length). */
export function restBetween(before: DayWork, after: DayWork): number {
  return after.first - before.last;
}

/** Minutes of [start, end) falling in the night hours (default 21:00–06:00), from wall-clock minutes of the day. */
export function nightMinutes(startWall: number, endWall: number, nightStart: number, nightEnd: number): number {
  const overlap = (a: number, b: number) => Math.max(0, Math.min(endWall, b) - Math.max(startWall, a));
  return overlap(nightStart, 24 * 60) + overlap(0, nightEnd);
}

export function fmtH(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}
