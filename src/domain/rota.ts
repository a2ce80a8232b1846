import { z } from 'zod';
import { DateSchema, RoleSchema, TeamSchema, ValidationError, zodIssues } from './config.js';
import { DateTime } from 'luxon';

/** ISO-8601 date-time with an explicit offset or Z, e.g. 2027-03-28T09:00:00+02:00. */
export const InstantSchema = z
  .string()
  .refine((s) => /(Z|[+-]\d{2}:\d{2})$/.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, 'must be an ISO-8601 date-time with an offset');

export const AssignmentKindSchema = z.enum(['permanence', 'doublure', 'journee', 'reunion', 'conge']);

export const AssignmentSchema = z.object({
  personId: z.string().min(1),
  date: DateSchema,
  kind: AssignmentKindSchema,
  start: InstantSchema,
  end: InstantSchema,
  label: z.string().min(1),
  /** The shift template (or "reunions" for a day of meetings only) this assignment comes from. */
  templateId: z.string().optional(),
  meetingId: z.string().optional(),
  site: z.enum(['hebergement', 'reunions', 'exterieur']).optional(),
  breakMinutes: z.number().int().min(0).default(0),
  locked: z.boolean().default(false),
  /** Set by a hand edit; the checker's answer is kept with the plan. */
  edited: z.boolean().default(false),
});

export const AstreinteTurnSchema = z.object({ cadreId: z.string().min(1), start: InstantSchema, end: InstantSchema, label: z.string().optional() });

export const RelaySchema = z.object({
  kind: z.enum(['nuit', 'reunion']),
  date: DateSchema,
  start: InstantSchema,
  end: InstantSchema,
  holder: z.string().min(1),
  label: z.string().min(1),
  /** The permanence worker who hands over at the start of the relay, and the one who takes over at its end. */
  handoverFrom: z.string().optional(),
  handoverTo: z.string().optional(),
});

export const GapReasonSchema = z.object({ personId: z.string(), reason: z.string() });
export const GapSchema = z.object({
  date: DateSchema,
  kind: z.enum(['permanence', 'doublure', 'astreinte']),
  start: InstantSchema,
  end: InstantSchema,
  minutes: z.number().min(0),
  reasons: z.array(GapReasonSchema).default([]),
});

export const MeetingReportSchema = z.object({
  meetingId: z.string(),
  label: z.string(),
  date: DateSchema,
  start: InstantSchema,
  end: InstantSchema,
  present: z.array(z.string()),
  absent: z.array(GapReasonSchema),
});

export const RotaPersonSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, team: TeamSchema, fte: z.number().min(0).max(1) });

export const RotaSchema = z
  .object({
    version: z.literal(1).default(1),
    from: DateSchema,
    to: DateSchema,
    timezone: z.string().default('Europe/Paris'),
    people: z.array(RotaPersonSchema),
    assignments: z.array(AssignmentSchema),
    astreinte: z.array(AstreinteTurnSchema).default([]),
    relays: z.array(RelaySchema).default([]),
    gaps: z.array(GapSchema).default([]),
    meetings: z.array(MeetingReportSchema).default([]),
    cancelledMeetings: z.array(z.object({ date: DateSchema, meetingId: z.string(), reason: z.string() })).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    const ids = new Set(r.people.map((p) => p.id));
    r.assignments.forEach((a, i) => {
      if (!ids.has(a.personId)) ctx.addIssue({ code: 'custom', path: ['assignments', i, 'personId'], message: `unknown person "${a.personId}"` });
      if (Date.parse(a.end) <= Date.parse(a.start)) ctx.addIssue({ code: 'custom', path: ['assignments', i, 'end'], message: 'must be after start' });
    });
  });

export type Rota = z.output<typeof RotaSchema>;
export type RotaInput = z.input<typeof RotaSchema>;
export type Assignment = Rota['assignments'][number];
export type AssignmentKind = z.infer<typeof AssignmentKindSchema>;
export type AstreinteTurn = Rota['astreinte'][number];
export type Relay = Rota['relays'][number];
export type Gap = Rota['gaps'][number];
export type MeetingReport = Rota['meetings'][number];

export function parseRota(input: unknown): Rota {
  const r = RotaSchema.safeParse(input);
  if (!r.success) throw new ValidationError(zodIssues(r.error), 'rota');
  return r.data;
}

/** Kinds that are working time. */
export const WORK_KINDS: ReadonlySet<AssignmentKind> = new Set(['permanence', 'doublure', 'journee', 'reunion']);
