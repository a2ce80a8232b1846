import { z } from 'zod';
import { DateSchema, Id, ValidationError, zodIssues, type Config, type Person } from './config.js';

/**
 * A mesure: a family the service follows (seed §VI.2–3). Only what the assignment of referents needs: no name, no
 * address, the children's ages and the distance from Aurillac.
 */
export const MesureSchema = z
  .object({
    id: Id,
    sector: z.enum(['nord', 'sud']),
    childrenAges: z.array(z.number().int('must be whole years').min(0, 'must be 0 or more').max(21, 'must be at most 21')).min(1, 'must list at least one child'),
    /** Size of the sibling group; the children listed by default. */
    siblings: z.number().int().min(1).optional(),
    distanceKm: z.number().min(0, 'must be 0 or more').max(500),
    start: DateSchema,
    end: DateSchema.optional(),
  })
  .refine((m) => !m.end || m.end >= m.start, { message: 'must not be before start', path: ['end'] });
export type Mesure = z.infer<typeof MesureSchema>;

/** The service's rules for referents (§VI.3, §VII.1.c); every number is configuration. */
export const BinomeRulesSchema = z.object({
  referents: z.number().int().min(1).max(4).default(2),
  /** Three referents when the sibling group is this large or more… */
  largeSiblingGroup: z.number().int().min(2).default(4),
  /** …or when the family lives this far from Aurillac or more. */
  farKm: z.number().min(0).default(40),
  referentsLargeOrFar: z.number().int().min(1).max(5).default(3),
  /** The EJE follows children under this age, at most `ejeCap` mesures. */
  ejeMaxAge: z.number().int().min(1).default(7),
  ejeCap: z.number().int().min(0).default(12),
  /** A child under this age gives priority to a social worker + EJE binôme. */
  priorityAge: z.number().int().min(1).default(6),
  /** Mesures the service is authorised for. */
  authorised: z.number().int().min(1).default(73),
});
export type BinomeRules = z.infer<typeof BinomeRulesSchema>;

export const MesureSetSchema = z
  .object({
    rules: BinomeRulesSchema.default(BinomeRulesSchema.parse({})),
    mesures: z.array(MesureSchema).max(1000),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.mesures.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['mesures', i, 'id'], message: `"${m.id}" appears twice` });
      seen.add(m.id);
    });
  });
export type MesureSetInput = z.input<typeof MesureSetSchema>;
export type MesureSet = z.output<typeof MesureSetSchema>;

export function parseMesureSet(input: unknown): MesureSet {
  const r = MesureSetSchema.safeParse(input);
  if (!r.success) throw new ValidationError(zodIssues(r.error), 'mesures');
  return r.data;
}

/** Current referents: mesure id → person ids. */
export const BinomesSchema = z.record(z.string(), z.array(z.string()).max(5));
export type Binomes = z.infer<typeof BinomesSchema>;

export const isActive = (m: Mesure, on: string) => m.start <= on && (!m.end || m.end >= on);
export const youngest = (m: Mesure) => Math.min(...m.childrenAges);
export const referentsNeeded = (m: Mesure, r: BinomeRules) => ((m.siblings ?? m.childrenAges.length) >= r.largeSiblingGroup || m.distanceKm >= r.farKm ? r.referentsLargeOrFar : r.referents);

/** The social workers who take mesures as referents: ES, AS and EJE of the team. */
export const referentPool = (config: Config): Person[] => config.people.filter((p) => p.planned && p.fte > 0 && ['es', 'as', 'eje'].includes(p.role));

/** Can this worker be a referent of that mesure: their team's sector, or the EJE for young children. */
export function eligible(p: Person, m: Mesure, r: BinomeRules): boolean {
  if (p.role === 'eje') return youngest(m) < r.ejeMaxAge;
  return p.team === m.sector || p.team === 'transversal';
}
