import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ValidationError } from '../src/domain/config.js';
import { ConflictError, StoreUnavailableError } from '../src/storage/store.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../src/service/errors.js';
import type { RotaService } from '../src/service/service.js';
import { routes } from './routes/index.js';
import { ProposalConflictError, StaffingService } from '../src/service/staffing-service.js';

export interface ServerOptions {
  logger?: boolean | object;
  publicUrl?: string;
}

/** The HTTP layer: zod-validated routes calling the service, one error handler mapping errors to statuses. */
export async function buildServer(service: RotaService, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1_000_000,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, { openapi: { info: { title: 'APMN planning', version: '0.1.0' } }, transform: jsonSchemaTransform });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Limits only where a route opts in (token issuing); feeds and pages are cached reads.
  await app.register(rateLimit, { global: false });
  // Set on arrival, so that every answer carries them, errors included; a plain hook costs no promise.
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
    done();
  });
  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err))
      return reply.code(400).send({ error: 'requête invalide', issues: err.validation.map((v) => ({ path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`, message: v.message ?? 'invalid' })) });
    if (err instanceof ValidationError) return reply.code(400).send({ error: err.message, issues: err.issues });
    if (err instanceof BadRequestError) return reply.code(400).send({ error: err.message, issues: [{ path: err.field, message: err.message.slice(err.field.length + 2) }] });
    if (err instanceof NotFoundError) return reply.code(404).send({ error: err.message });
    if (err instanceof ForbiddenError) return reply.code(403).send({ error: err.message });
    if (err instanceof StoreUnavailableError) {
      req.log.warn({ err: err.message }, 'database unavailable');
      return reply.code(503).header('Retry-After', '5').send({ error: 'base de données momentanément indisponible, réessayez dans quelques secondes' });
    }
    if (err instanceof ProposalConflictError) return reply.code(409).send({ error: err.message });
    if (err instanceof ConflictError) return reply.code(409).send({ error: err.message, currentVersion: err.currentVersion });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: (err as Error).message });
    req.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: 'erreur interne' });
  });
  await app.register(routes(service, new StaffingService(service.store, service), opts));
  return app;
}
