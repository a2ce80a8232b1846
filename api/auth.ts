import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../src/domain/config.js';
import type { Store } from '../src/storage/store.js';

export interface Caller {
  personId: string;
  manager: boolean;
}

/** The cheffe and the coordinatrice manage the planning; everyone else reads their own. */
export async function callerOf(req: FastifyRequest, store: Store, config: () => Promise<Config>): Promise<Caller | null> {
  const h = req.headers.authorization;
  if (!h?.startsWith('Bearer ')) return null;
  const t = await store.findToken(h.slice(7).trim(), 'api');
  if (!t?.personId) return null;
  const person = (await config()).people.find((p) => p.id === t.personId);
  if (!person) return null;
  return { personId: person.id, manager: person.role === 'cheffe' || person.role === 'coordinatrice' };
}

export function deny(reply: FastifyReply, status: 401 | 403) {
  return reply.code(status).send({ error: status === 401 ? 'authentification requise (Authorization: Bearer <jeton>)' : 'réservé à la cheffe de service et à la coordinatrice' });
}
