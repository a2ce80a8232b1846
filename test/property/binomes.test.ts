import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/domain/config.js';
import { eligible, isActive, parseMesureSet, referentsNeeded, youngest, type MesureSet, type MesureSetInput } from '../../src/domain/mesures.js';
import { proposeBinomes } from '../../src/staffing/binomes.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { apmnConfigInput } from '../../fixtures/apmn.js';

const seed = Number(process.env.FC_SEED ?? 7373);
const ON = '2027-03-01';

/** A team of referents: 1–4 social workers per sector, 0–2 EJE, random FTE; the rest of the fixture as it is. */
const teamArb = fc
  .record({
    nord: fc.array(fc.record({ role: fc.constantFrom('es' as const, 'as' as const), fte: fc.constantFrom(0.5, 0.8, 1) }), { minLength: 1, maxLength: 4 }),
    sud: fc.array(fc.record({ role: fc.constantFrom('es' as const, 'as' as const), fte: fc.constantFrom(0.5, 0.8, 1) }), { minLength: 1, maxLength: 4 }),
    eje: fc.array(fc.constantFrom(0.5, 1), { minLength: 0, maxLength: 2 }),
  })
  .map(({ nord, sud, eje }) => {
    const others = apmnConfigInput.people.filter((p) => !['es', 'as', 'eje'].includes(p.role));
    const workers = [
      ...nord.map((w, i) => ({ id: `n${i}`, name: `Nord ${i}`, role: w.role, team: 'nord' as const, fte: w.fte, onRota: true })),
      ...sud.map((w, i) => ({ id: `s${i}`, name: `Sud ${i}`, role: w.role, team: 'sud' as const, fte: w.fte, onRota: true })),
      ...eje.map((fte, i) => ({ id: `e${i}`, name: `EJE ${i}`, role: 'eje' as const, team: 'transversal' as const, fte, onRota: true })),
    ];
    return parseConfig({ ...apmnConfigInput, people: [...others, ...workers], absences: [], wishes: [], meetings: [] });
  });

const mesureArb = (i: number) =>
  fc.record({
    id: fc.constant(`m${i}`),
    sector: fc.constantFrom('nord' as const, 'sud' as const),
    childrenAges: fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 1, maxLength: 5 }),
    distanceKm: fc.integer({ min: 0, max: 70 }),
    start: fc.constantFrom('2025-06-01', '2026-09-15', '2027-02-01'),
  });
const setArb = fc
  .record({ n: fc.integer({ min: 0, max: 40 }), ejeCap: fc.integer({ min: 0, max: 12 }), referents: fc.constantFrom(2, 2, 3) })
  .chain(({ n, ejeCap, referents }) => fc.tuple(...Array.from({ length: n }, (_, i) => mesureArb(i))).map((mesures) => ({ rules: { ejeCap, referents, referentsLargeOrFar: 3 }, mesures }) as MesureSetInput));

const roleOf = (config: Config, id: string) => config.people.find((p) => p.id === id)!.role;

describe('the referents of the mesures', () => {
  it('should respect sector membership, the EJE cap, a social worker in every binôme, and give the EJE to the youngest while she has room', async () => {
    await fc.assert(
      fc.asyncProperty(teamArb, setArb, async (config, input) => {
        const set = parseMesureSet(input);
        const p = await proposeBinomes(config, set, {}, ON, highsBackend);
        const unfilled = new Set(p.unfilled.map((u) => u.mesureId));
        const active = set.mesures.filter((m) => isActive(m, ON));
        const people = new Map(config.people.map((x) => [x.id, x]));
        for (const m of active) {
          const ids = p.referents[m.id];
          // Sector (or the EJE for children under her age limit), nobody twice.
          for (const id of ids) expect(eligible(people.get(id)!, m, set.rules), `${id} on ${m.id}`).toBe(true);
          expect(new Set(ids).size).toBe(ids.length);
          // The places filled, and a social worker in each, unless the report names the mesure.
          if (!unfilled.has(m.id)) {
            expect(ids.length).toBe(referentsNeeded(m, set.rules));
            expect(ids.some((id) => roleOf(config, id) !== 'eje')).toBe(true);
          }
        }
        const ejes = config.people.filter((x) => x.role === 'eje');
        const load = (id: string) => active.filter((m) => p.referents[m.id].includes(id)).length;
        for (const e of ejes) expect(load(e.id)).toBeLessThanOrEqual(set.rules.ejeCap);
        // A child under 6 without the EJE only when every EJE is full.
        const youngWithout = active.filter((m) => youngest(m) < set.rules.priorityAge && !p.referents[m.id].some((id) => roleOf(config, id) === 'eje'));
        if (youngWithout.length > 0) for (const e of ejes) expect(load(e.id), `${e.id} has room but ${youngWithout[0].id} (under 6) has no EJE`).toBe(set.rules.ejeCap);
        // And her places go to under-6 mesures before older children.
        if (youngWithout.length > 0) for (const e of ejes) for (const m of active.filter((x) => p.referents[x.id].includes(e.id))) expect(youngest(m)).toBeLessThan(set.rules.priorityAge);
      }),
      { numRuns: 40, seed },
    );
  }, 240_000);

  it('should change no existing binôme when one mesure is added, unless a change with its reason is listed', async () => {
    await fc.assert(
      fc.asyncProperty(teamArb, setArb, mesureArb(999), fc.boolean(), async (config, input, extra, someoneLeaves) => {
        const set = parseMesureSet(input);
        const first = await proposeBinomes(config, set, {}, ON, highsBackend);
        // One more mesure; sometimes a referent also leaves the team in between.
        const leaver = someoneLeaves ? config.people.find((x) => ['es', 'as'].includes(x.role))!.id : null;
        const next: Config = leaver ? { ...config, people: config.people.filter((x) => x.id !== leaver) } : config;
        const bigger: MesureSet = { ...set, mesures: [...set.mesures, parseMesureSet({ mesures: [extra] }).mesures[0]] };
        const second = await proposeBinomes(next, bigger, first.referents, ON, highsBackend);
        for (const [id, before] of Object.entries(first.referents)) {
          const after = second.referents[id];
          const explained = second.changes.filter((c) => c.mesureId === id);
          const removed = before.filter((x) => !after.includes(x));
          // Whoever left a binôme is named with a reason; nobody moves otherwise.
          for (const r of removed) expect(explained.some((c) => c.personId === r && c.change === 'retrait' && c.reason.length > 0)).toBe(true);
          if (removed.length === 0) expect(after).toEqual(before);
          for (const r of removed) expect(r).toBe(leaver);
        }
        expect(second.changes.filter((c) => c.mesureId === extra.id).every((c) => c.reason === 'nouvelle mesure')).toBe(true);
      }),
      { numRuns: 25, seed },
    );
  }, 240_000);
});
