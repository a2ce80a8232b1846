import { z } from 'zod';
import { isValidDate, parseTime } from './time.js';

/** end > start, or true when either is malformed (the field's own error then speaks). */
function ordered(start: string, end: string): boolean {
  const re = /^([01]\d|2[0-3]):[0-5]\d$/;
  return !re.test(start) || !re.test(end) || parseTime(end) > parseTime(start);
}

export const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
export const DateSchema = z.string().refine(isValidDate, 'must be a date YYYY-MM-DD');
export const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, - or _ (max 64)');

export const RoleSchema = z.enum([
  'cheffe',
  'coordinatrice',
  'es',
  'as',
  'eje',
  'puericultrice',
  'psychologue',
  'maitresse_maison',
  'assistante_familiale',
  'cadre',
]);
export const TeamSchema = z.enum(['nord', 'sud', 'transversal', 'none']);
export const DayTypeSchema = z.enum(['weekday', 'saturday', 'sunday', 'holiday']);

export const PersonSchema = z
  .object({
    id: Id,
    name: z.string().min(1, 'must not be empty').max(100),
    role: RoleSchema,
    team: TeamSchema.default('none'),
    fte: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
    /** Contract hours a week; defaults to fte × rules.fullTimeWeeklyMinutes. */
    weeklyMinutes: z.number().int().min(0).max(48 * 60).optional(),
    onRota: z.boolean().default(false),
    astreinte: z.boolean().default(false),
    /** false for people who are only on the astreinte rotation (cadres of the association outside the APMN). */
    planned: z.boolean().default(true),
    /** Evenings and weekends: 2.5 days of weekly rest instead of 2 (CCN 66 art. 21). */
    irregularRhythm: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (p.onRota && p.fte === 0) ctx.addIssue({ code: 'custom', path: ['fte'], message: 'must be above 0 for a person on the permanence rota' });
    if (p.onRota && !p.planned) ctx.addIssue({ code: 'custom', path: ['planned'], message: 'must be true for a person on the permanence rota' });
  });

const HoursSchema = z
  .object({ open: TimeSchema, close: TimeSchema })
  .refine((h) => ordered(h.open, h.close), { message: 'close must be after open', path: ['close'] });

export const SiteSchema = z.object({ name: z.string().min(1), address: z.string().min(1) });

export const ShiftTemplateSchema = z
  .object({
    id: Id,
    /** French label shown to staff, e.g. "Permanence matin". */
    label: z.string().min(1),
    kind: z.enum(['permanence', 'doublure', 'journee']),
    dayTypes: z.array(DayTypeSchema).min(1, 'must name at least one day type'),
    /** Restrict to ISO weekdays (1 = Monday … 7 = Sunday); all by default. */
    weekdays: z.array(z.number().int().min(1).max(7)).optional(),
    /** Work sequences of the shift; one for most shifts, two for a day with a lunch break. */
    start: TimeSchema,
    end: TimeSchema,
    /** Unpaid gap inside the shift (lunch), as [start, end]. */
    unpaid: z.tuple([TimeSchema, TimeSchema]).optional(),
    /** Paid break taken on site (counted as work). */
    breakMinutes: z.number().int().min(0).max(120).default(0),
    site: z.enum(['hebergement', 'reunions', 'exterieur']),
    /** Evening shift, for fairness counts. */
    evening: z.boolean().default(false),
    /** Allowed to exceed the daily maximum up to rules.maxDailyMinutesFlagged; reported. */
    long: z.boolean().default(false),
    /** Only people on the permanence rota may take it (always true for permanence and doublure). */
    rotaOnly: z.boolean().default(false),
  })
  .refine((t) => ordered(t.start, t.end), { message: 'end must be after start', path: ['end'] });

const MemberGroupSchema = z.object({
  roles: z.array(RoleSchema).optional(),
  teams: z.array(TeamSchema).optional(),
  personIds: z.array(Id).optional(),
  onRota: z.boolean().optional(),
  /** Part of the meeting this group attends; the whole meeting by default. */
  from: TimeSchema.optional(),
  to: TimeSchema.optional(),
});

export const MeetingSchema = z
  .object({
    id: Id,
    label: z.string().min(1),
    weekday: z.number().int().min(1).max(7),
    recurrence: z.enum(['weekly', 'first-of-month']),
    start: TimeSchema,
    end: TimeSchema,
    site: z.enum(['hebergement', 'reunions', 'exterieur']),
    members: z.array(MemberGroupSchema).min(1, 'a meeting must have at least one member group'),
    /** Meetings this one replaces on the days it takes place (the service meeting replaces the Nord meeting). */
    replaces: z.array(Id).default([]),
    skipOnHoliday: z.boolean().default(true),
    /** When nobody of the rota can hold the permanence during it: the hébergement is relayed (e.g. by the CHRS). */
    relay: z.object({ holder: z.string().min(1), label: z.string().min(1) }).optional(),
    enabled: z.boolean().default(true),
  })
  .refine((m) => ordered(m.start, m.end), { message: 'end must be after start', path: ['end'] });

export const AbsenceKindSchema = z.enum(['conges_payes', 'conges_trimestriels', 'formation', 'maladie', 'recuperation', 'autre']);
export const AbsenceSchema = z
  .object({
    personId: Id,
    from: DateSchema,
    to: DateSchema,
    kind: AbsenceKindSchema,
    label: z.string().optional(),
  })
  .refine((a) => a.to >= a.from, { message: 'to must not be before from', path: ['to'] });

export const RulesSchema = z.object({
  maxDailyMinutes: z.number().int().min(60).max(24 * 60).default(600),
  maxDailyMinutesFlagged: z.number().int().min(60).max(24 * 60).default(720),
  maxSequencesPerDay: z.number().int().min(1).max(10).default(3),
  minSequenceMinutes: z.number().int().min(0).max(600).default(120),
  breakAfterMinutes: z.number().int().min(60).default(360),
  breakMinutes: z.number().int().min(0).default(20),
  minDailyRestMinutes: z.number().int().min(0).max(24 * 60).default(660),
  weeklyRestDays: z.number().int().min(0).max(7).default(2),
  weeklyRestConsecutive: z.boolean().default(true),
  minSundaysOffPer4Weeks: z.number().int().min(0).max(4).default(2),
  maxConsecutiveDays: z.number().int().min(1).max(13).default(6),
  maxWeeklyMinutes: z.number().int().min(60).max(72 * 60).default(44 * 60),
  averageWindowWeeks: z.number().int().min(1).max(52).default(12),
  maxAverageWeeklyMinutes: z.number().int().min(60).default(35 * 60),
  fullTimeWeeklyMinutes: z.number().int().min(60).default(35 * 60),
  nightStart: TimeSchema.default('21:00'),
  nightEnd: TimeSchema.default('06:00'),
  nightAlertHours: z.number().min(0).default(270),
  travelMinutes: z.number().int().min(0).max(240).default(15),
  noticeDays: z.number().int().min(0).default(7),
  astreinteMaxWeeksPerYear: z.number().int().min(1).max(53).default(26),
});

export const WeightsSchema = z.object({
  uncoveredMinute: z.number().min(0).default(100),
  missingDoublure: z.number().min(0).default(20000),
  contractHour: z.number().min(0).default(4),
  fairness: z.number().min(0).default(40),
  /** Fair-share counts (cumulative over the period) are free within ± this × FTE: a band keeps each month provable. */
  fairnessTolerance: z.number().min(0).default(1),
  /**
   * The same band for weekends alone: 0.5 keeps weekends per FTE within 1 of each other between full-time workers, at
   * the price of months no longer proven in 30 s; 1 (default) allows a spread of 2.
   */
  weekendTolerance: z.number().min(0).default(1),
  /**
   * In the last window of a period of a quarter or more: cost per weekend beyond half a weekend per FTE from the fair
   * share, inside the band above, so the period ends with weekends per full-timer within 1 (0: none).
   */
  weekendSpread: z.number().min(0).default(8),
  /** Contract hours are free within ± these minutes over the period. */
  contractToleranceMinutes: z.number().min(0).default(210),
  stabilityChange: z.number().min(0).default(200),
  wish: z.number().min(0).default(60),
  missedMeeting: z.number().min(0).default(150),
  /** Cost per 10 h of permanence: > 0 avoids doubling a shift that one worker holds, at the price of slower solves. */
  permanenceSpread: z.number().min(0).default(0),
  /**
   * Cost of each evening shift, and of a weekend's two days (or a public holiday's two) worked: nobody works an
   * evening, a weekend or a holiday the rota does not need.
   */
  eveningDuty: z.number().min(0).default(3),
  weekendDuty: z.number().min(0).default(10),
});

export const AstreinteSchema = z.object({
  turnWeekday: z.number().int().min(1).max(7).default(1),
  turnStart: TimeSchema.default('09:00'),
  turnDays: z.number().int().min(1).max(14).default(7),
  /** Counts carried from earlier years, so that the next year evens them out. */
  history: z
    .record(z.string(), z.object({ turns: z.number().min(0).default(0), holidayTurns: z.number().min(0).default(0), christmasTurns: z.number().min(0).default(0) }))
    .default({}),
});

export const WishSchema = z.object({
  personId: Id,
  date: DateSchema,
  kind: z.enum(['off', 'template']),
  templateId: Id.optional(),
});

export const ConfigSchema = z
  .object({
    name: z.string().min(1),
    timezone: z.string().default('Europe/Paris'),
    sites: z.object({ hebergement: SiteSchema, reunions: SiteSchema, exterieur: SiteSchema }),
    people: z.array(PersonSchema).min(1, 'must list at least one person'),
    openingHours: z.object({ weekday: HoursSchema, saturday: HoursSchema, sunday: HoursSchema, holiday: HoursSchema }),
    /** Public holidays take these opening hours (default: Sunday's). */
    holidaysAs: DayTypeSchema.default('holiday'),
    shiftTemplates: z.array(ShiftTemplateSchema).min(1),
    /** Minimum number of doublure workers per day type. */
    doublure: z.object({ saturday: z.number().int().min(0).default(1), weekday: z.number().int().min(0).default(0), sunday: z.number().int().min(0).default(0), holiday: z.number().int().min(0).default(0) }),
    nightRelay: z.object({
      holder: z.string().min(1),
      label: z.string().min(1),
      /** The CHRS watchmen's own roster, when supplied: the night starting on each date is held by that watchman. */
      roster: z.array(z.object({ from: DateSchema, to: DateSchema, name: z.string().min(1).max(100) })).default([]),
    }),
    meetings: z.array(MeetingSchema).default([]),
    absences: z.array(AbsenceSchema).default([]),
    wishes: z.array(WishSchema).default([]),
    rules: RulesSchema.default(RulesSchema.parse({})),
    weights: WeightsSchema.default(WeightsSchema.parse({})),
    astreinte: AstreinteSchema.default(AstreinteSchema.parse({})),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.people.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `duplicate person id "${p.id}"` });
      ids.add(p.id);
    });
    c.absences.forEach((a, i) => {
      if (!ids.has(a.personId)) ctx.addIssue({ code: 'custom', path: ['absences', i, 'personId'], message: `unknown person "${a.personId}"` });
    });
    c.wishes.forEach((w, i) => {
      if (!ids.has(w.personId)) ctx.addIssue({ code: 'custom', path: ['wishes', i, 'personId'], message: `unknown person "${w.personId}"` });
    });
    const flagged = c.rules.maxDailyMinutesFlagged;
    c.shiftTemplates.forEach((t, i) => {
      if (!ordered(t.start, t.end) || (t.unpaid && !ordered(t.unpaid[0], t.unpaid[1]))) return;
      const len = parseTime(t.end) - parseTime(t.start) - (t.unpaid ? parseTime(t.unpaid[1]) - parseTime(t.unpaid[0]) : 0);
      const max = t.long ? flagged : c.rules.maxDailyMinutes;
      if (len > max)
        ctx.addIssue({ code: 'custom', path: ['shiftTemplates', i, 'end'], message: `shift of ${len} min is longer than the daily maximum of ${max} min` });
    });
    const templateIds = new Set(c.shiftTemplates.map((t) => t.id));
    if (templateIds.size !== c.shiftTemplates.length) ctx.addIssue({ code: 'custom', path: ['shiftTemplates'], message: 'template ids must be unique' });
    const meetingIds = new Set(c.meetings.map((m) => m.id));
    c.meetings.forEach((m, i) => {
      m.replaces.forEach((r, j) => {
        if (!meetingIds.has(r)) ctx.addIssue({ code: 'custom', path: ['meetings', i, 'replaces', j], message: `unknown meeting "${r}"` });
      });
    });
    if (!c.people.some((p) => p.onRota)) ctx.addIssue({ code: 'custom', path: ['people'], message: 'at least one person must be on the permanence rota' });
  });

export type ConfigInput = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type Person = Config['people'][number];
export type Role = z.infer<typeof RoleSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type DayType = z.infer<typeof DayTypeSchema>;
export type ShiftTemplate = Config['shiftTemplates'][number];
export type Meeting = Config['meetings'][number];
export type MemberGroup = Meeting['members'][number];
export type Absence = Config['absences'][number];
export type AbsenceKind = z.infer<typeof AbsenceKindSchema>;
export type Rules = Config['rules'];
export type Weights = Config['weights'];
export type Wish = Config['wishes'][number];

/** A zod issue path as people[3].fte. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

export class ValidationError extends Error {
  constructor(public readonly issues: { path: string; message: string }[], what = 'input') {
    super(`invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function parseConfig(input: unknown): Config {
  const r = ConfigSchema.safeParse(input);
  if (!r.success) throw new ValidationError(zodIssues(r.error), 'configuration');
  return r.data;
}

export function weeklyMinutes(p: Person, rules: Rules): number {
  return p.weeklyMinutes ?? Math.round(p.fte * rules.fullTimeWeeklyMinutes);
}
