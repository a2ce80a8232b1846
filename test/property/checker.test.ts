import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assignment, Rota } from '../../src/domain/rota.js';
import { addDays, instantAt, isoInstant } from '../../src/domain/time.js';
import { checkRota, RULES } from '../../src/rules/index.js';
import { smallConfig } from '../helpers/small-config.js';
import { validWeeks } from '../helpers/hand-rota.js';

const config = smallConfig();
const MONDAY = '2027-01-04'; // 12 weeks without a public holiday
const WEEKS = 12;
const base = validWeeks(config, MONDAY, WEEKS);
const people = ['a', 'b', 'c', 'd'];
const at = (date: string, hhmm: string) => isoInstant(instantAt(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))));
const clone = (r: Rota): Rota => structuredClone(r);
const work = (personId: string, date: string, start: string, end: string, kind: Assignment['kind'] = 'journee', extra: Partial<Assignment> = {}): Assignment => ({
  personId,
  date,
  kind,
  start: at(date, start),
  end: at(date, end),
  label: kind,
  site: 'exterieur',
  breakMinutes: 0,
  locked: false,
  edited: false,
  ...extra,
});
const hardRules = (r: Rota, cfg = config) => new Set(checkRota(cfg, r).violations.filter((v) => v.severity === 'hard').map((v) => v.rule));
const seed = Number(process.env.FC_SEED ?? 20270101);

describe('the rule checker', () => {
  it('finds no hard violation in a hand-made valid 12-week rota', () => {
    const r = checkRota(config, base);
    expect(r.violations.filter((v) => v.severity === 'hard')).toEqual([]);
  });

  /** For each rule, a way to plant one violation of it into the valid rota, at a random place. */
  const plants: Record<string, fc.Arbitrary<(r: Rota) => Rota | [Rota, ReturnType<typeof smallConfig>]>> = {
    couverture: fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => {
      const date = addDays(MONDAY, i);
      return { ...r, assignments: r.assignments.filter((a) => !(a.date === date && a.kind === 'permanence')) };
    }),
    doublure: fc.nat({ max: WEEKS - 1 }).map((w) => (r) => ({ ...r, assignments: r.assignments.filter((a) => !(a.date === addDays(MONDAY, 7 * w + 5) && a.kind === 'doublure')) })),
    astreinte: fc.nat({ max: WEEKS - 1 }).map((w) => (r) => ({ ...r, astreinte: r.astreinte.filter((_, i) => i !== w + 1) })),
    'relais-nuit': fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => ({ ...r, relays: r.relays.filter((x) => !(x.kind === 'nuit' && x.date === addDays(MONDAY, i))) })),
    'reunion-permanence': fc.nat({ max: WEEKS - 1 }).map((w) => (r) => {
      const date = addDays(MONDAY, 7 * w);
      return { ...r, assignments: [...r.assignments, work('a', date, '13:00', '15:00', 'reunion', { site: 'reunions', label: 'Réunion' })] };
    }),
    'hors-rota': fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => ({ ...r, assignments: [...r.assignments, work('z', addDays(MONDAY, i), '09:00', '12:00', 'permanence', { site: 'hebergement' })] })),
    conge: fc.tuple(fc.constantFrom(...people), fc.nat({ max: WEEKS * 7 - 1 })).map(([p, i]) => (r) => {
      const date = r.assignments.find((a) => a.personId === p && a.date >= addDays(MONDAY, i) && a.kind !== 'conge')?.date ?? MONDAY;
      const cfg = smallConfig({ absences: [{ personId: p, from: date, to: date, kind: 'maladie' }] });
      return [r, cfg];
    }),
    'duree-journaliere': fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => ({ ...r, assignments: [...r.assignments, work('z', addDays(MONDAY, i), '07:00', '18:00', 'journee', { breakMinutes: 30 })] })),
    sequences: fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => {
      const d = addDays(MONDAY, i);
      return { ...r, assignments: [...r.assignments, work('z', d, '08:00', '09:00'), work('z', d, '11:00', '14:00'), work('z', d, '16:00', '18:00')] };
    }),
    pause: fc.nat({ max: WEEKS * 7 - 1 }).map((i) => (r) => ({ ...r, assignments: [...r.assignments, work('z', addDays(MONDAY, i), '08:00', '15:00')] })),
    'repos-quotidien': fc.nat({ max: WEEKS - 1 }).map((w) => (r) => {
      // Bruno's Tuesday evening (until 20:00) followed by a Wednesday morning at 06:30.
      const wed = addDays(MONDAY, 7 * w + 2);
      return { ...r, assignments: [...r.assignments, work('b', wed, '06:30', '09:00')] };
    }),
    'repos-hebdomadaire': fc.nat({ max: WEEKS - 1 }).map((w) => (r) => {
      const m = addDays(MONDAY, 7 * w);
      // Alice works Monday, Tuesday and Friday: adding Wednesday, Thursday and Saturday leaves one day off.
      return { ...r, assignments: [...r.assignments, ...[2, 3, 5].map((k) => work('a', addDays(m, k), '09:00', '12:00'))] };
    }),
    dimanches: fc.nat({ max: WEEKS - 4 }).map((w) => (r) => {
      const sundays = [0, 1, 2, 3].map((k) => addDays(MONDAY, 7 * (w + k) + 6));
      return { ...r, assignments: [...r.assignments, ...sundays.map((d) => work('z', d, '09:00', '12:00'))] };
    }),
    'jours-consecutifs': fc.nat({ max: WEEKS * 7 - 8 }).map((i) => (r) => ({
      ...r,
      assignments: [...r.assignments, ...[0, 1, 2, 3, 4, 5, 6].map((k) => work('z', addDays(MONDAY, i + k), '09:00', '11:00'))],
    })),
    'duree-hebdomadaire': fc.nat({ max: WEEKS - 1 }).map((w) => (r) => ({
      ...r,
      assignments: [...r.assignments, ...[0, 1, 2, 3, 4].map((k) => work('z', addDays(MONDAY, 7 * w + k), '08:00', '17:00', 'journee', { breakMinutes: 20 }))],
    })),
    'moyenne-12-semaines': fc.constant((r: Rota) => ({
      ...r,
      assignments: [
        ...r.assignments,
        ...Array.from({ length: WEEKS }, (_, w) => [0, 1, 2, 3, 4].map((k) => work('z', addDays(MONDAY, 7 * w + k), '08:00', '15:45', 'journee', { breakMinutes: 20 }))).flat(),
      ],
    })),
  };

  it('has a planted violation for every hard rule', () => {
    const hard = RULES.filter((r) => r.severity === 'hard').map((r) => r.id);
    expect(Object.keys(plants).sort()).toEqual(hard.sort());
  });

  for (const [rule, plant] of Object.entries(plants)) {
    it(`should find a planted violation of ${rule} wherever it is planted`, () => {
      fc.assert(
        fc.property(plant, (mutate) => {
          const planted = mutate(clone(base));
          const [rota, cfg] = Array.isArray(planted) ? planted : [planted, config];
          expect(hardRules(rota, cfg)).toContain(rule);
        }),
        { numRuns: 25, seed },
      );
    });
  }
});
