import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absenceOn } from '../../src/domain/calendar.js';
import { addDays, eachDate, instantAt, localDate, parseIsoInstant, subtract, union } from '../../src/domain/time.js';
import { planAstreinte } from '../../solver/astreinte.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { smallConfig } from '../helpers/small-config.js';

const seed = Number(process.env.FC_SEED ?? 99);

const cadresArb = fc.record({
  cadres: fc.integer({ min: 2, max: 4 }),
  leave: fc.array(fc.record({ who: fc.nat({ max: 3 }), start: fc.nat({ max: 80 }), length: fc.integer({ min: 1, max: 21 }) }), { maxLength: 5 }),
  offset: fc.nat({ max: 300 }),
  days: fc.integer({ min: 7, max: 90 }),
});

describe('the astreinte rotation', () => {
  it('should leave no instant without a cadre and never two at once, for random cadres, leave and periods', async () => {
    await fc.assert(
      fc.asyncProperty(cadresArb, async ({ cadres, leave, offset, days }) => {
        const base = smallConfig();
        const ids = ['k1', 'k2', 'k3', 'k4'].slice(0, cadres);
        const from = addDays('2027-01-01', offset);
        const to = addDays(from, days - 1);
        const config = smallConfig({
          people: [...base.people.filter((p) => !p.astreinte), ...ids.map((id) => ({ id, name: `Cadre ${id}`, role: 'cadre' as const, team: 'none' as const, fte: 1, astreinte: true, planned: false }))],
          absences: leave.filter((l) => l.who < cadres).map((l) => ({ personId: ids[l.who], from: addDays(from, l.start), to: addDays(from, l.start + l.length - 1), kind: 'conges_payes' as const })),
        });
        const plan = await planAstreinte(config, from, to, highsBackend);
        const turns = plan.turns.map((t) => ({ ...t, s: parseIsoInstant(t.start), e: parseIsoInstant(t.end) })).sort((a, b) => a.s - b.s);
        for (let i = 1; i < turns.length; i++) {
          expect(turns[i].s).toBeGreaterThanOrEqual(turns[i - 1].e);
          if (turns[i].s === turns[i - 1].e) expect(turns[i].cadreId).not.toBe(turns[i - 1].cadreId);
        }
        for (const t of turns) for (const d of eachDate(localDate(t.s), localDate(t.e - 1))) expect(absenceOn(t.cadreId, d, config)).toBeUndefined();
        const span = { start: instantAt(from, 0), end: instantAt(addDays(to, 1), 0) };
        const gaps = plan.gaps.map((g) => ({ start: parseIsoInstant(g.start), end: parseIsoInstant(g.end) }));
        expect(subtract([span], union([...turns.map((t) => ({ start: t.s, end: t.e })), ...gaps]))).toEqual([]);
        // A declared gap is real: every cadre is on leave during it or on call right before or after.
        for (const g of gaps)
          for (const id of ids) {
            const away = eachDate(localDate(g.start), localDate(g.end - 1)).some((d) => absenceOn(id, d, config));
            const adjacent = turns.some((t) => t.cadreId === id && (t.e === g.start || t.s === g.end));
            expect(away || adjacent, `${id} could take ${localDate(g.start)}`).toBe(true);
          }
        const counts = ids.map((id) => turns.filter((t) => t.cadreId === id).length);
        if (plan.gaps.length === 0 && leave.length === 0) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 25, seed },
    );
  });
});
