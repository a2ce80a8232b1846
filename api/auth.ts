import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../src/domain/config.js';
import type { Store } from '../src/storage/store.js';

export interface Caller {
  personId: string;
  manager: boolean;
}

/** The cheffe and the coordinatrice manage the planning; everyone else reads their own. */
export async function callerOf(req: FastifyRequest, store: Store, config: () => Promise<Config>): Promise<Caller | null> {
  const h = bearer(req);
  if (!h) return null;
  return callerFrom(await store.findToken(h, 'api'), await config());
}

/** The same answer without waiting when the token and the configuration are both cached (the hot path); else undefined. */
export function cachedCallerOf(req: FastifyRequest, store: Store, config: Config | null): Caller | null | undefined {
  const h = bearer(req);
  if (!h) return null;
  const t = store.peekToken(h, 'api');
  if (t === undefined || !config) return undefined;
  return callerFrom(t, config);
}

const bearer = (req: FastifyRequest) => {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

function callerFrom(t: { personId: string | null } | null, config: Config): Caller | null {
  if (!t?.personId) return null;
  const person = config.people.find((p) => p.id === t.personId);
  if (!person) return null;
  return { personId: person.id, manager: person.role === 'cheffe' || person.role === 'coordinatrice' };
}

export function deny(reply: FastifyReply, status: 401 | 403) {
  return reply.code(status).send({ error: status === 401 ? 'authentification requise (Authorization: Bearer <jeton>)' : 'réservé à la cheffe de service et à la coordinatrice' });
}
