import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds, testServer } from './helpers.js';

describe.each(storeKinds)('on the %s store', (kind) => {
  type T = Awaited<ReturnType<typeof testServer>>;
  let t: T;
  let planningId = '';
  const seed = Number(process.env.FC_SEED ?? 31337);

  beforeAll(async () => {
    t = await testServer(kind);
    const r = await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-01-04', to: '2027-01-10' }, headers: t.auth('claire') });
    planningId = r.json().planningId;
    await t.service.waitJob(r.json().jobId);
  });
  afterAll(async () => {
    await t.close();
  });

  /** What the store holds, to show that refused requests wrote nothing. */
  const snapshot = async () => JSON.stringify({ config: await t.store.getConfig(), plannings: await t.store.listPlannings(), versions: await t.store.publishedVersions(planningId) });

  describe('hostile input', () => {
    const writes = () => [
      { method: 'POST', url: '/api/plannings' },
      { method: 'PUT', url: `/api/plannings/${planningId}/day` },
      { method: 'POST', url: `/api/plannings/${planningId}/lock` },
      { method: 'POST', url: `/api/plannings/${planningId}/publish` },
      { method: 'POST', url: `/api/plannings/${planningId}/replan` },
      { method: 'POST', url: '/api/absences' },
      { method: 'PUT', url: '/api/config' },
      { method: 'PUT', url: '/api/mesures' },
      { method: 'POST', url: '/api/staffing' },
      { method: 'POST', url: '/api/binomes/proposals/unknown/confirm' },
    ] as const;
    // Bodies of the right shape with wrong values, and anything at all.
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          baseVersion: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string(), fc.double()),
          personId: fc.oneof(fc.constantFrom('camille', 'nobody', ''), fc.string()),
          date: fc.oneof(fc.constantFrom('2027-01-05', '2027-02-30', '2026-12-31', '05/01/2027'), fc.string()),
          from: fc.oneof(fc.constantFrom('2027-01-04', '2027-13-01'), fc.string()),
          to: fc.oneof(fc.constantFrom('2026-01-01', 'x'), fc.string()),
          templateId: fc.oneof(fc.constant(null), fc.constantFrom('perm-matin', 'zzz'), fc.string()),
          locked: fc.oneof(fc.boolean(), fc.string()),
          kind: fc.oneof(fc.constantFrom('maladie', 'vacances'), fc.string()),
          absences: fc.array(fc.anything(), { maxLength: 3 }),
          year: fc.oneof(fc.integer({ min: -5, max: 1999 }), fc.string()),
          mesures: fc.array(fc.anything(), { minLength: 1, maxLength: 2 }),
          scenarios: fc.array(fc.anything(), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
    );

    it('should never answer 5xx, always name the field of a 400, and write nothing', async () => {
      const before = (await snapshot());
      const sideTables = async () => JSON.stringify([await t.store.getDocument('mesures'), await t.store.listStaffingRuns(), await t.store.listBinomeSets()]);
      const sideBefore = await sideTables();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: writes().length - 1 }), body, async (i, payload) => {
          const route = writes()[i];
          const r = await t.app.inject({ method: route.method, url: route.url, payload: JSON.stringify(payload ?? null), headers: { ...t.auth('claire'), 'content-type': 'application/json' } });
          expect(r.statusCode, `${route.method} ${route.url} ${r.body}`).toBeLessThan(500);
          if (r.statusCode === 400) expect(r.json().issues?.[0]?.path ?? r.json().error).toBeTruthy();
          expect([400, 404, 409, 415]).toContain(r.statusCode);
        }),
        { numRuns: 150, seed },
      );
      expect((await snapshot())).toBe(before);
      expect(await sideTables()).toBe(sideBefore);
    });

    it('should refuse random ids and queries with 400 or 404, never 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), fc.string({ maxLength: 30 }), async (id, q) => {
          const enc = encodeURIComponent(id) || 'x';
          for (const url of [`/api/plannings/${enc}`, `/api/jobs/${enc}`, `/api/plannings/${enc}/published/${encodeURIComponent(q) || 'x'}`, `/api/choices?personId=${enc}&date=${encodeURIComponent(q)}`, `/api/calendar?from=${encodeURIComponent(q)}&to=${enc}`, `/ical/${enc}`]) {
            const r = await t.app.inject({ method: 'GET', url, headers: t.auth('claire') });
            expect([400, 404], `${url} ${r.body}`).toContain(r.statusCode);
          }
        }),
        { numRuns: 60, seed },
      );
    });

    it('refuses an oversized body', async () => {
      const r = await t.app.inject({ method: 'PUT', url: '/api/config', payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }), headers: { ...t.auth('claire'), 'content-type': 'application/json' } });
      expect(r.statusCode).toBe(413);
    });

    it('refuses impossible configurations with the reason, keeping the stored one', async () => {
      const config = (await t.store.getConfig())!;
      const before = (await snapshot());
      const cases: [unknown, string][] = [
        [{ ...config, shiftTemplates: config.shiftTemplates.map((s, i) => (i === 0 ? { ...s, start: '06:00', end: '19:00' } : s)) }, 'longer than the daily maximum'],
        [{ ...config, openingHours: { ...config.openingHours, weekday: { open: '22:30', close: '08:00' } } }, 'close must be after open'],
        [{ ...config, people: config.people.map((p) => (p.id === 'camille' ? { ...p, fte: 0 } : p)) }, 'must be above 0 for a person on the permanence rota'],
        [{ ...config, meetings: (config.meetings ?? []).map((m, i) => (i === 0 ? { ...m, members: [] } : m)) }, 'at least one member group'],
      ];
      for (const [payload, reason] of cases) {
        const r = await t.app.inject({ method: 'PUT', url: '/api/config', payload: payload as object, headers: t.auth('claire') });
        expect(r.statusCode).toBe(400);
        expect(JSON.stringify(r.json().issues)).toContain(reason);
      }
      expect((await snapshot())).toBe(before);
    });
  });

  describe('concurrent edits', () => {
    it('lets exactly one of two racing publishes win; the other gets 409 with the current version', async () => {
      const version = (await t.store.getPlanning(planningId))!.version;
      const race = await Promise.all(
        [1, 2].map(() => t.app.inject({ method: 'POST', url: `/api/plannings/${planningId}/publish`, payload: { baseVersion: version }, headers: t.auth('claire') })),
      );
      expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(race.find((r) => r.statusCode === 409)!.json().currentVersion).toBe(version);
      expect((await t.store.publishedVersions(planningId)).map((v) => v.version)).toEqual([version]);
    });

    it('refuses an edit based on a stale version, never overwriting the newer one', async () => {
      const v = (await t.store.getPlanning(planningId))!.version;
      const first = await t.app.inject({ method: 'PUT', url: `/api/plannings/${planningId}/day`, payload: { baseVersion: v, personId: 'julien', date: '2027-01-05', templateId: null }, headers: t.auth('claire') });
      expect(first.statusCode).toBe(200);
      const stale = await t.app.inject({ method: 'PUT', url: `/api/plannings/${planningId}/day`, payload: { baseVersion: v, personId: 'julien', date: '2027-01-05', templateId: 'journee' }, headers: t.auth('claire') });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().currentVersion).toBe(v + 1);
      expect((await t.store.getPlanning(planningId))!.rota!.assignments.some((a) => a.personId === 'julien' && a.date === '2027-01-05' && a.kind !== 'conge')).toBe(false);
    });
  });

  describe('security and personal data', () => {
    it('rate-limits the token routes', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 25; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/feeds/permanence/token', headers: t.auth('claire') })).statusCode);
      expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
      expect(codes.slice(20)).toEqual([429, 429, 429, 429, 429]);
    });

    it('sends security headers', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/health' });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
    });

    it('exports one person’s data, then erases it everywhere', async () => {
      const exp = await t.app.inject({ method: 'GET', url: '/api/people/nadia/export', headers: t.auth('claire') });
      expect(exp.statusCode).toBe(200);
      expect(exp.json().person.name).toBe('Nadia Simon');
      expect(exp.json().absences.length).toBeGreaterThan(0);
      expect(exp.json().plannings[0].draft.length).toBeGreaterThan(0);
      expect((await t.app.inject({ method: 'GET', url: '/api/people/nadia/export', headers: t.auth('camille') })).statusCode).toBe(403);
      const del = await t.app.inject({ method: 'DELETE', url: '/api/people/nadia', headers: t.auth('claire') });
      expect(del.statusCode).toBe(200);
      const dump = JSON.stringify([await t.store.getConfig(), await t.store.listPlannings(), await t.store.getPublished(planningId)]);
      expect(dump).not.toContain('nadia');
      expect(dump).not.toContain('Nadia');
      expect((await t.app.inject({ method: 'GET', url: '/api/people/nadia/export', headers: t.auth('claire') })).statusCode).toBe(404);
    });
  });
});
