import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds, testServer } from './helpers.js';

describe.each(storeKinds)('on the %s store', (kind) => {
  type T = Awaited<ReturnType<typeof testServer>>;
  let t: T;
  let planningId = '';
  let version = 0;

  beforeAll(async () => {
    t = await testServer(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the planning life cycle over HTTP', () => {
    it('answers /health', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/health' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ok', store: kind, schema: 2 });
    });

    it('refuses to generate without a token (401) and for staff (403)', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-01-04', to: '2027-01-17' } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-01-04', to: '2027-01-17' }, headers: t.auth('camille') })).statusCode).toBe(403);
    });

    it('answers 400 naming the field for a malformed date and for a reversed period, and writes nothing', async () => {
      const bad = await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-13-01', to: '2027-01-17' }, headers: t.auth('claire') });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().issues[0].path).toBe('body.from');
      const reversed = await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-01-17', to: '2027-01-04' }, headers: t.auth('claire') });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().issues[0].path).toBe('to');
      expect(await t.store.listPlannings()).toEqual([]);
    });

    it('generates a fortnight as a job and serves the draft with its report', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/plannings', payload: { from: '2027-01-04', to: '2027-01-17' }, headers: t.auth('claire') });
      expect(r.statusCode).toBe(202);
      planningId = r.json().planningId;
      await t.service.waitJob(r.json().jobId);
      const job = await t.app.inject({ method: 'GET', url: `/api/jobs/${r.json().jobId}`, headers: t.auth('claire') });
      expect(job.json().status).toBe('done');
      const p = (await t.app.inject({ method: 'GET', url: `/api/plannings/${planningId}`, headers: t.auth('claire') })).json();
      expect(p.version).toBe(1);
      expect(p.report.violations.hard).toBe(0);
      expect(p.rota.assignments.length).toBeGreaterThan(100);
      version = p.version;
    });

    it('keeps a hand edit that breaks the 11 h rest and answers with the violation at once', async () => {
      const morning = await t.app.inject({ method: 'PUT', url: `/api/plannings/${planningId}/day`, headers: t.auth('claire'), payload: { baseVersion: version, personId: 'camille', date: '2027-01-06', templateId: 'perm-matin' } });
      expect(morning.statusCode).toBe(200);
      version = morning.json().version;
      const evening = await t.app.inject({ method: 'PUT', url: `/api/plannings/${planningId}/day`, headers: t.auth('claire'), payload: { baseVersion: version, personId: 'camille', date: '2027-01-05', templateId: 'perm-mardi-soir' } });
      expect(evening.statusCode).toBe(200);
      const body = evening.json();
      expect(body.violations.some((v: { rule: string; personId: string; date: string }) => v.rule === 'repos-quotidien' && v.personId === 'camille' && v.date === '2027-01-06')).toBe(true);
      version = body.version;
      const p = (await t.app.inject({ method: 'GET', url: `/api/plannings/${planningId}`, headers: t.auth('claire') })).json();
      expect(p.rota.assignments.some((a: { personId: string; date: string; templateId: string; edited: boolean }) => a.personId === 'camille' && a.date === '2027-01-05' && a.templateId === 'perm-mardi-soir' && a.edited)).toBe(true);
    });

    it('refuses a stale write with 409 and the current version', async () => {
      const r = await t.app.inject({ method: 'POST', url: `/api/plannings/${planningId}/publish`, headers: t.auth('claire'), payload: { baseVersion: version - 1 } });
      expect(r.statusCode).toBe(409);
      expect(r.json().currentVersion).toBe(version);
    });

    it('answers 400 for a shift the person cannot work and 404 for an unknown planning', async () => {
      const r = await t.app.inject({ method: 'PUT', url: `/api/plannings/${planningId}/day`, headers: t.auth('claire'), payload: { baseVersion: version, personId: 'claire', date: '2027-01-05', templateId: 'perm-matin' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().issues[0].path).toBe('templateId');
      expect((await t.app.inject({ method: 'GET', url: '/api/plannings/nope', headers: t.auth('claire') })).statusCode).toBe(404);
    });

    it('publishes, and the staff member reads only their own days and subscribes to a feed holding the edited shift', async () => {
      const pub = await t.app.inject({ method: 'POST', url: `/api/plannings/${planningId}/publish`, headers: t.auth('claire'), payload: { baseVersion: version } });
      expect(pub.statusCode).toBe(200);
      const mine = (await t.app.inject({ method: 'GET', url: `/api/plannings/${planningId}`, headers: t.auth('camille') })).json();
      expect(mine.assignments.length).toBeGreaterThan(0);
      expect(mine.assignments.every((a: { personId: string }) => a.personId === 'camille')).toBe(true);
      expect((await t.app.inject({ method: 'POST', url: '/api/people/julien/feed-token', headers: t.auth('camille') })).statusCode).toBe(403);
      const link = await t.app.inject({ method: 'POST', url: '/api/people/camille/feed-token', headers: t.auth('camille') });
      expect(link.statusCode).toBe(201);
      expect(link.json().webcal).toMatch(/^webcal:\/\/planning\.example\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await t.app.inject({ method: 'GET', url: `/ical/${link.json().token}.ics` });
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(feed.body).toContain('DTSTART;TZID=Europe/Paris:20270105T161500');
      expect(feed.body).toContain('Permanence mardi soir');
      const again = await t.app.inject({ method: 'GET', url: `/ical/${link.json().token}.ics`, headers: { 'if-none-match': String(feed.headers.etag) } });
      expect(again.statusCode).toBe(304);
      const zipped = await t.app.inject({ method: 'GET', url: `/ical/${link.json().token}.ics`, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(feed.body);
      // Rotating the link revokes the old one.
      const rotated = await t.app.inject({ method: 'POST', url: '/api/people/camille/feed-token', headers: t.auth('claire') });
      expect((await t.app.inject({ method: 'GET', url: `/ical/${link.json().token}.ics` })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/ical/${rotated.json().token}.ics` })).statusCode).toBe(200);
    });

    it('answers 404 to an unknown feed token, leaking nothing', async () => {
      const r = await t.app.inject({ method: 'GET', url: `/ical/${'A'.repeat(43)}.ics` });
      expect(r.statusCode).toBe(404);
      expect(r.body).toBe('{"error":"not found"}');
    });

    it('refuses every write route of the OpenAPI document without a token', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const writes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => ({ path, method: m.toUpperCase() })));
      expect(writes.length).toBeGreaterThanOrEqual(9);
      for (const w of writes) {
        const url = w.path.replace(/\{[^}]+\}/g, (p) => (p === '{feed}' ? 'permanence' : 'x'));
        const r = await t.app.inject({ method: w.method as 'POST', url, payload: {} });
        expect([401], `${w.method} ${w.path}`).toContain(r.statusCode);
      }
    });
  });
});
