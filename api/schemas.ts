import { z } from 'zod';
import { AbsenceSchema, DateSchema } from '../src/domain/config.js';
import { ScenarioChangeSchema } from '../src/staffing/scenarios.js';
import { addDays, isValidDate } from '../src/domain/time.js';

export const ErrorSchema = z.object({ error: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(), currentVersion: z.number().optional() });
export const IdParams = z.object({ id: z.string().min(1).max(100) });
export const GenerateBody = z.object({ from: DateSchema, to: DateSchema });
export const EditBody = z.object({ baseVersion: z.number().int().min(0), personId: z.string().min(1), date: DateSchema, templateId: z.string().min(1).nullable() });
export const LockBody = z.object({ baseVersion: z.number().int().min(0), personId: z.string().min(1), date: DateSchema, locked: z.boolean() });
export const PublishBody = z.object({ baseVersion: z.number().int().min(0) });
export const ReplanBody = z.object({ baseVersion: z.number().int().min(0), from: DateSchema, today: DateSchema.optional(), absences: z.array(AbsenceSchema).max(50).default([]) });
export const VersionParams = z.object({ id: z.string().min(1).max(100), version: z.coerce.number().int().min(1) });
export const TokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'must be a feed token followed by .ics') });
export const FeedParams = z.object({ feed: z.enum(['permanence', 'astreinte', 'reunions', 'nord', 'sud', 'service']) });
export const ChoicesQuery = z.object({ personId: z.string().min(1).max(64), date: DateSchema });
export const CalendarQuery = z
  .object({ from: DateSchema, to: DateSchema })
  .refine((q) => !isValidDate(q.from) || !isValidDate(q.to) || (q.to >= q.from && q.to <= addDays(q.from, 400)), { message: 'to must be from or later, within a year', path: ['to'] });
export const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').optional() });
export const ProposalBody = z.object({ on: DateSchema.optional() });
export const OnQuery = z.object({ on: DateSchema.optional() });
/** A year, or a period of at most a year (a summer, a quarter). */
export const StaffingBody = z
  .object({
    year: z.number().int().min(2000).max(2099).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    windowSeconds: z.number().positive().max(300).default(20),
    scenarioSeconds: z.number().positive().max(120).default(8),
    scenarios: z.array(ScenarioChangeSchema).min(1).max(8).optional(),
  })
  .refine((b) => b.year !== undefined || (b.from && b.to), { message: 'give a year, or from and to', path: ['year'] })
  .refine((b) => !b.from || !b.to || !isValidDate(b.from) || !isValidDate(b.to) || (b.to >= b.from && b.to <= addDays(b.from, 370)), { message: 'must be from or later, within a year', path: ['to'] });
