import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apmnMesures } from '../../fixtures/mesures.js';
import { storeKinds, testServer } from './helpers.js';

describe.each(storeKinds)('staffing and binômes on the %s store', (kind) => {
  let t: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    t = await testServer(kind);
  });
  afterAll(async () => {
    await t.close();
  });
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, who: 'claire' | 'camille' = 'claire') => t.app.inject({ method, url, payload, headers: t.auth(who) });

  it('stores the mesures after validating them, naming the field of a bad one and writing nothing', async () => {
    expect((await call('GET', '/api/mesures')).json()).toEqual({ mesures: [] });
    const bad = await call('PUT', '/api/mesures', { mesures: [{ ...apmnMesures.mesures[0], childrenAges: [] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.mesures.0.childrenAges');
    const twice = await call('PUT', '/api/mesures', { mesures: [apmnMesures.mesures[0], apmnMesures.mesures[0]] });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json().issues)).toContain('appears twice');
    expect((await call('GET', '/api/mesures')).json()).toEqual({ mesures: [] });
    const ok = await call('PUT', '/api/mesures', apmnMesures);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ mesures: apmnMesures.mesures.length });
    expect((await call('PUT', '/api/mesures', apmnMesures, 'camille')).statusCode).toBe(403);
  });

  it('proposes binômes, confirms them once, and keeps them when a mesure arrives', async () => {
    const first = await call('POST', '/api/binomes/proposals', { on: '2027-01-04' });
    expect(first.statusCode).toBe(201);
    const p1 = first.json();
    expect(p1.status).toBe('proposee');
    expect(p1.proposal.capacity).toEqual({ active: 70, authorised: 73, percent: 95.9 });
    expect((await call('GET', '/api/binomes')).json().current).toBeNull();
    const confirmed = await call('POST', `/api/binomes/proposals/${p1.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmee', confirmedBy: 'claire' });
    expect((await call('POST', `/api/binomes/proposals/${p1.id}/confirm`)).statusCode).toBe(409);

    // A new family arrives: the proposal changes no existing binôme.
    const arrival = { id: 'm900', sector: 'sud', childrenAges: [3, 8], distanceKm: 12, start: '2027-01-04' };
    expect((await call('PUT', '/api/mesures', { mesures: [...apmnMesures.mesures, arrival] })).statusCode).toBe(200);
    const p2 = (await call('POST', '/api/binomes/proposals', { on: '2027-01-04' })).json();
    expect(p2.basedOn).toBe(p1.id);
    for (const [id, ids] of Object.entries(p1.proposal.referents)) expect(p2.proposal.referents[id]).toEqual(ids);
    expect(p2.proposal.referents.m900.length).toBe(2);
    expect(p2.proposal.changes.every((c: { mesureId: string }) => c.mesureId === 'm900')).toBe(true);

    // Two proposals from the same binômes: the second can no longer be confirmed once the first is.
    const p3 = (await call('POST', '/api/binomes/proposals', { on: '2027-01-04' })).json();
    expect((await call('POST', `/api/binomes/proposals/${p2.id}/confirm`)).statusCode).toBe(200);
    const stale = await call('POST', `/api/binomes/proposals/${p3.id}/confirm`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toContain('new proposal');
    const history = (await call('GET', '/api/binomes')).json();
    expect(history.current.id).toBe(p2.id);
    expect(history.history.map((h: { status: string }) => h.status)).toEqual(['remplacee', 'confirmee', 'proposee']);
    expect((await call('POST', '/api/binomes/proposals/nope/confirm')).statusCode).toBe(404);
  });

  it('lets a referent read only the mesures they follow, and refuses them the proposals', async () => {
    const mine = await call('GET', '/api/my/mesures?on=2027-01-04', undefined, 'camille');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().length).toBeGreaterThan(0);
    for (const m of mine.json()) expect(m.referents).toContain('camille');
    expect((await call('POST', '/api/binomes/proposals', {}, 'camille')).statusCode).toBe(403);
    expect((await call('GET', '/api/binomes', undefined, 'camille')).statusCode).toBe(403);
  });

  it('refuses a scenario removing someone off the rota, naming the field', async () => {
    const r = await call('POST', '/api/staffing', { year: 2027, scenarios: [{ kind: 'remove', personId: 'claire' }] });
    expect(r.statusCode).toBe(400);
    expect(r.json().issues[0].path).toBe('scenarios[0].personId');
    const noPeriod = await call('POST', '/api/staffing', {});
    expect(noPeriod.statusCode).toBe(400);
    expect(noPeriod.json().issues[0].path).toBe('body.year');
    expect((await call('GET', '/api/staffing')).json()).toEqual([]);
  });

  it('runs a staffing what-if as a job and saves it with its figures', async () => {
    const r = await call('POST', '/api/staffing', { from: '2027-08-02', to: '2027-08-15', windowSeconds: 20, scenarioSeconds: 10, scenarios: [{ kind: 'current' }, { kind: 'add', fte: 1 }] });
    expect(r.statusCode).toBe(202);
    await t.service.waitJob(r.json().jobId);
    const job = (await call('GET', `/api/jobs/${r.json().jobId}`)).json();
    expect(job.status).toBe('done');
    const run = (await call('GET', `/api/staffing/${r.json().runId}`)).json();
    expect(run.result.minimum.lowerBound).toBeLessThanOrEqual(run.result.minimum.minFte);
    expect(run.result.scenarios.map((s: { rotaFte: number }) => s.rotaFte)).toEqual([9, 10]);
    expect((await call('GET', '/api/staffing')).json().map((x: { id: string }) => x.id)).toEqual([run.id]);
  }, 300_000);
});
