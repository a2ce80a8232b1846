import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AbsenceSchema, ConfigSchema } from '../../src/domain/config.js';
import type { RotaService } from '../../src/service/service.js';
import { NotFoundError } from '../../src/service/errors.js';
import { cachedCallerOf, callerOf, deny, type Caller } from '../auth.js';
import { CalendarQuery, ChoicesQuery, MonthQuery, EditBody, FeedParams, GenerateBody, IdParams, LockBody, OnQuery, ProposalBody, PublishBody, ReplanBody, StaffingBody, TokenParams, VersionParams } from '../schemas.js';
import { MesureSetSchema } from '../../src/domain/mesures.js';
import type { StaffingService } from '../../src/service/staffing-service.js';
import type { ServerOptions } from '../server.js';

/** Thin routes: validate, check the caller, call the service, return. */
export function routes(service: RotaService, staffing: StaffingService, opts: ServerOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const store = service.store;
    // The caller is found once, in the hook, and kept on the request for the handler.
    // A request property declared up front (a WeakMap entry per request costs the collector on the hot reads).
    app.decorateRequest('caller', null);
    const caller = (req: object) => (req as { caller: Caller }).caller;
    const keep = (req: object, c: Caller) => ((req as { caller: Caller | null }).caller = c);
    const identify = async (req: import('fastify').FastifyRequest) => {
      const c = await callerOf(req, store, () => service.config());
      if (c) keep(req, c);
      return c;
    };
    /** An onRequest hook answering at once when the caller is cached (no promise on the hot reads), else after a look-up. */
    const guard =
      (need: 'manager' | 'signed-in'): import('fastify').onRequestHookHandler =>
      (req, reply, done) => {
        const decide = (c: Caller | null) => {
          if (!c) return deny(reply, 401);
          if (need === 'manager' && !c.manager) return deny(reply, 403);
          keep(req, c);
          done();
        };
        const cached = cachedCallerOf(req, store, service.cachedConfig());
        if (cached !== undefined) return void decide(cached);
        identify(req).then(decide, done);
      };
    const manager = guard('manager');
    const signedIn = guard('signed-in');
    const feedLinks = (token: string) => {
      const base = opts.publicUrl ?? 'http://localhost:3000';
      return { token, https: `${base}/ical/${token}.ics`, webcal: `${base.replace(/^https?:/, 'webcal:')}/ical/${token}.ics` };
    };

    // The web pages: static files of api/web, nothing from outside the machine.
    const page = (file: string, type: string) => async (_req: unknown, reply: import('fastify').FastifyReply) => reply.type(type).send(await readFile(new URL(`../web/${file}`, import.meta.url)));
    app.get('/', { schema: { hide: true } }, page('index.html', 'text/html; charset=utf-8'));
    app.get('/moi', { schema: { hide: true } }, page('moi.html', 'text/html; charset=utf-8'));
    for (const f of ['app.js', 'moi.js', 'common.js', 'staffing.js']) app.get(`/static/${f}`, { schema: { hide: true } }, page(f, 'text/javascript; charset=utf-8'));
    app.get('/static/style.css', { schema: { hide: true } }, page('style.css', 'text/css; charset=utf-8'));

    app.get('/health', { schema: { response: { 200: z.object({ status: z.literal('ok'), store: z.enum(['sqlite', 'postgres']), schema: z.number() }) } } }, async () => ({ status: 'ok' as const, store: store.kind, schema: await store.schemaVersion() }));

    app.get('/api/me', { onRequest: signedIn }, async (req) => {
      const c = caller(req);
      const p = (await service.config()).people.find((x) => x.id === c.personId)!;
      return { ...c, name: p.name, role: p.role };
    });
    /** A person's own days from every published planning. */
    app.get('/api/my/assignments', { onRequest: signedIn, schema: { querystring: CalendarQuery } }, async (req) => {
      const c = caller(req);
      return (await store.allPublished())
        .flatMap((p) => p.rota.assignments)
        .filter((a) => a.personId === c.personId && a.date >= req.query.from && a.date <= req.query.to);
    });

    app.get('/api/config', { onRequest: signedIn }, async () => service.configInput());
    app.put('/api/config', { onRequest: manager, schema: { body: ConfigSchema } }, async (req) => {
      await service.putConfig(req.body);
      return { ok: true };
    });

    app.get('/api/people', { onRequest: signedIn }, async () => (await service.config()).people.map(({ id, name, role, team, fte, onRota, astreinte }) => ({ id, name, role, team, fte, onRota, astreinte })));

    app.get('/api/choices', { onRequest: manager, schema: { querystring: ChoicesQuery } }, async (req) => service.dayChoices(req.query.personId, req.query.date));
    app.get('/api/calendar', { onRequest: signedIn, schema: { querystring: CalendarQuery } }, async (req) => service.calendar(req.query.from, req.query.to));

    app.get('/api/absences', { onRequest: manager }, async () => (await service.config()).absences);
    app.post('/api/absences', { onRequest: manager, schema: { body: AbsenceSchema } }, async (req, reply) => {
      await service.addAbsence(req.body);
      return reply.code(201).send(req.body);
    });

    app.post('/api/plannings', { onRequest: manager, schema: { body: GenerateBody } }, async (req, reply) => reply.code(202).send(await service.generate(req.body.from, req.body.to)));

    app.get('/api/plannings', { onRequest: manager }, async () => (await store.listPlannings()).map(({ rota: _r, report: _p, ...rest }) => rest));

    app.get('/api/jobs/:id', { onRequest: manager, schema: { params: IdParams } }, async (req) => {
      const job = await store.getJob(req.params.id);
      if (!job) throw new NotFoundError(`unknown job ${req.params.id}`);
      return job;
    });
    app.delete('/api/jobs/:id', { onRequest: manager, schema: { params: IdParams } }, async (req) => {
      await service.cancel(req.params.id);
      return store.getJob(req.params.id);
    });

    /** A manager reads the whole draft; anyone else only their own assignments of the published version. */
    app.get('/api/plannings/:id', { onRequest: signedIn, schema: { params: IdParams, querystring: MonthQuery } }, async (req, reply) => {
      const c = caller(req);
      if (c.manager) {
        const v = await service.planningViewJson(req.params.id, req.query.month);
        reply.header('ETag', v.etag).header('Cache-Control', 'private, no-cache');
        if (req.headers['if-none-match'] === v.etag) return reply.code(304).send();
        reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
        // Compressed once per version and month: the month view is the page's hot read.
        if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('Content-Encoding', 'gzip').send(v.gzip);
        return reply.send(v.body);
      }
      const p = await service.planning(req.params.id);
      const pub = await store.getPublished(p.id);
      return { id: p.id, from: p.from, to: p.to, publishedVersion: p.publishedVersion, assignments: pub ? pub.rota.assignments.filter((a) => a.personId === c.personId) : [] };
    });
    app.get('/api/plannings/:id/published/:version', { onRequest: manager, schema: { params: VersionParams } }, async (req) => {
      const v = await store.getPublished(req.params.id, req.params.version);
      if (!v) throw new NotFoundError(`no published version ${req.params.version}`);
      return v;
    });
    app.put('/api/plannings/:id/day', { onRequest: manager, schema: { params: IdParams, body: EditBody } }, async (req) => service.editDay(req.params.id, req.body.baseVersion, req.body));
    app.post('/api/plannings/:id/lock', { onRequest: manager, schema: { params: IdParams, body: LockBody } }, async (req) => service.lockDay(req.params.id, req.body.baseVersion, req.body.personId, req.body.date, req.body.locked));
    app.post('/api/plannings/:id/publish', { onRequest: manager, schema: { params: IdParams, body: PublishBody } }, async (req) => service.publish(req.params.id, req.body.baseVersion));
    app.post('/api/plannings/:id/replan', { onRequest: manager, schema: { params: IdParams, body: ReplanBody } }, async (req) =>
      service.replan(req.params.id, req.body.baseVersion, req.body.from, req.body.today ?? new Date().toISOString().slice(0, 10), req.body.absences),
    );

    app.get('/api/people/:id/export', { onRequest: signedIn, schema: { params: IdParams } }, async (req, reply) => {
      const c = caller(req);
      if (!c.manager && c.personId !== req.params.id) return deny(reply, 403);
      return service.exportPerson(req.params.id);
    });
    app.delete('/api/people/:id', { onRequest: manager, schema: { params: IdParams } }, async (req) => service.erasePerson(req.params.id));

    // Staffing what-ifs and the binômes of the mesures (managers); a referent reads the mesures they follow.
    const today = () => new Date().toISOString().slice(0, 10);
    app.get('/api/mesures', { onRequest: manager }, async () => staffing.mesuresInput());
    app.put('/api/mesures', { onRequest: manager, schema: { body: MesureSetSchema } }, async (req) => staffing.putMesures(req.body));
    app.get('/api/my/mesures', { onRequest: signedIn, schema: { querystring: OnQuery } }, async (req) => staffing.mine(caller(req).personId, req.query.on ?? today()));
    app.get('/api/binomes', { onRequest: manager }, async () => staffing.history());
    app.post('/api/binomes/proposals', { onRequest: manager, schema: { body: ProposalBody } }, async (req, reply) => reply.code(201).send(await staffing.propose(req.body.on ?? today())));
    app.get('/api/binomes/proposals/:id', { onRequest: manager, schema: { params: IdParams } }, async (req) => staffing.binomeSet(req.params.id));
    app.post('/api/binomes/proposals/:id/confirm', { onRequest: manager, schema: { params: IdParams } }, async (req) => staffing.confirm(req.params.id, caller(req).personId));
    app.post('/api/staffing', { onRequest: manager, schema: { body: StaffingBody } }, async (req, reply) => reply.code(202).send(await staffing.startStaffing(req.body)));
    app.get('/api/staffing', { onRequest: manager }, async () => staffing.staffingRuns());
    app.get('/api/staffing/:id', { onRequest: manager, schema: { params: IdParams } }, async (req) => staffing.staffingRun(req.params.id));

    /** Feed links: a person's own (by themselves or a manager), the shared feeds (managers). Rotating revokes the old. */
    const tokenLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
    app.post('/api/people/:id/feed-token', { onRequest: signedIn, config: tokenLimit, schema: { params: IdParams } }, async (req, reply) => {
      const c = caller(req);
      if (!c.manager && c.personId !== req.params.id) return deny(reply, 403);
      if (!(await service.config()).people.some((p) => p.id === req.params.id)) throw new NotFoundError(`unknown person ${req.params.id}`);
      return reply.code(201).send(feedLinks(await store.rotateToken('feed', req.params.id, req.params.id)));
    });
    app.post('/api/feeds/:feed/token', { onRequest: manager, config: tokenLimit, schema: { params: FeedParams } }, async (req, reply) => reply.code(201).send(feedLinks(await store.rotateToken('feed', null, req.params.feed))));

    app.get('/ical/:token', { schema: { params: TokenParams } }, async (req, reply) => {
      const t = await store.findToken(req.params.token.slice(0, -4), 'feed');
      if (!t?.feedId) return reply.code(404).send({ error: 'not found' });
      const feed = await service.feed(t.feedId);
      reply.header('ETag', feed.etag).header('Cache-Control', 'private, max-age=300');
      if (req.headers['if-none-match'] === feed.etag) return reply.code(304).send();
      reply.type('text/calendar; charset=utf-8').header('Vary', 'Accept-Encoding');
      // Compressed once per publication: a year of shifts is a large file and calendar clients accept gzip.
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('Content-Encoding', 'gzip').send(feed.gzip);
      return reply.send(feed.body);
    });
  };
}
