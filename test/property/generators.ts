import fc from 'fast-check';
import type { ConfigInput } from '../../src/domain/config.js';
import { addDays } from '../../src/domain/time.js';

const ROLES = ['es', 'as', 'eje'] as const;

/** A random team of rota workers (random FTE) and 2 cadres, random leave, a horizon of some days. */
export const makeTeamArb = (minSize: number, maxSize: number, minDays: number) => fc
  .record({
    size: fc.integer({ min: minSize, max: maxSize }),
    ftes: fc.array(fc.constantFrom(0.5, 0.6, 0.8, 1, 1, 1), { minLength: 8, maxLength: 8 }),
    leave: fc.array(fc.record({ who: fc.nat({ max: 7 }), start: fc.nat({ max: 20 }), length: fc.integer({ min: 1, max: 10 }) }), { maxLength: 4 }),
    startOffset: fc.nat({ max: 300 }),
    days: fc.integer({ min: minDays, max: 21 }),
  })
  .map(({ size, ftes, leave, startOffset, days }) => {
    const from = addDays('2027-01-04', startOffset);
    const people: ConfigInput['people'] = Array.from({ length: size }, (_, i) => ({
      id: `p${i}`,
      name: `Personne ${i}`,
      role: ROLES[i % 3],
      team: i % 2 ? 'nord' : 'sud',
      fte: ftes[i],
      onRota: true,
    }));
    people.push({ id: 'k', name: 'Cadre K', role: 'cadre', team: 'none', fte: 1, astreinte: true, planned: false });
    people.push({ id: 'l', name: 'Cadre L', role: 'cadre', team: 'none', fte: 1, astreinte: true, planned: false });
    const absences = leave
      .filter((l) => l.who < size)
      .map((l) => ({ personId: `p${l.who}`, from: addDays(from, l.start), to: addDays(from, l.start + l.length - 1), kind: 'conges_payes' as const }));
    return { input: { people, absences } as Partial<ConfigInput>, from, days };
  });

/** 3–8 workers, 1–21 days. */
export const teamArb = makeTeamArb(3, 8, 1);
/** Two workers for a week or more: the plan must leave gaps, and say why. */
export const shortTeamArb = makeTeamArb(2, 2, 7);
