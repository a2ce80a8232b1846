import * as crypto from 'node:crypto';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConfigInput } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import type { StoredRevision } from '../calendar/feeds.js';

export interface PlanningRow {
  id: string;
  from: string;
  to: string;
  version: number;
  rota: Rota | null;
  report: unknown;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobRow {
  id: string;
  planningId: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  progress: unknown;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublishedRow {
  version: number;
  rota: Rota;
  publishedAt: string;
}

export type TokenKind = 'api' | 'feed';
export interface TokenOwner {
  personId: string | null;
  feedId: string | null;
}

/**
 * What the service keeps: the configuration, plannings with their drafts and published versions, jobs, tokens and
 * feed revisions. Two implementations, SQLite (embedded, the default) and PostgreSQL (a shared deployment); every
 * write is one transaction in both.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
  getConfig(): Promise<ConfigInput | null>;
  putConfig(config: ConfigInput): Promise<void>;
  createPlanning(id: string, from: string, to: string): Promise<PlanningRow>;
  getPlanning(id: string): Promise<PlanningRow | null>;
  /** The version and last write of a planning, without reading the rota (cache keys). */
  planningStamp(id: string): Promise<{ version: number; updatedAt: string } | null>;
  listPlannings(): Promise<PlanningRow[]>;
  /**
   * Writes a new draft if the planning is still at `baseVersion` (else ConflictError): a stale write is refused,
   * never silently applied. With `config`, the configuration is replaced in the same transaction.
   */
  saveDraft(id: string, baseVersion: number, rota: Rota, report: unknown, config?: ConfigInput): Promise<PlanningRow>;
  /** Publishes the draft at `baseVersion` as a new published version; earlier ones stay readable. */
  publish(id: string, baseVersion: number, revise: (rota: Rota, previous: Map<string, StoredRevision>) => Map<string, StoredRevision>): Promise<PlanningRow>;
  getPublished(id: string, version?: number): Promise<PublishedRow | null>;
  publishedVersions(id: string): Promise<{ version: number; publishedAt: string }[]>;
  /** The latest published version of every planning, for the feeds. */
  allPublished(): Promise<(PublishedRow & { planningId: string })[]>;
  /**
   * Erases a person in one transaction: every stored rota and report (draft and published), binôme set and staffing
   * run rewritten by `scrub`,
   * the configuration replaced, their tokens revoked and their feed revisions dropped.
   */
  erasePerson(personId: string, scrub: <T>(value: T) => T, nextConfig: ConfigInput): Promise<void>;
  revisions(): Promise<Map<string, StoredRevision>>;
  createJob(id: string, planningId: string): Promise<JobRow>;
  updateJob(id: string, fields: { status?: JobRow['status']; progress?: unknown; error?: string }): Promise<void>;
  getJob(id: string): Promise<JobRow | null>;
  /** Stores only the hash of a new token; returns the token itself, shown once. */
  issueToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string>;
  /** Revokes every live token of that kind for the person (or feed) and issues a new one. */
  rotateToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string>;
  findToken(token: string, kind: TokenKind): Promise<TokenOwner | null>;
  /** The cached answer for a token, without waiting: undefined when it must be looked up. */
  peekToken(token: string, kind: TokenKind): TokenOwner | null | undefined;
  /** A named JSON document (the mesures). */
  getDocument(name: string): Promise<unknown>;
  putDocument(name: string, value: unknown): Promise<void>;
  createBinomeSet(id: string, basedOn: string | null, proposal: unknown): Promise<BinomeSetRow>;
  getBinomeSet(id: string): Promise<BinomeSetRow | null>;
  listBinomeSets(): Promise<BinomeSetRow[]>;
  /**
   * Confirms a proposal: it becomes the current binômes and the one it replaces is kept as history. Refused
   * (ConflictError) when it is not a pending proposal or another set was confirmed since it was made.
   */
  confirmBinomeSet(id: string, by: string): Promise<BinomeSetRow>;
  createStaffingRun(id: string, params: unknown): Promise<void>;
  finishStaffingRun(id: string, result: unknown): Promise<void>;
  getStaffingRun(id: string): Promise<StaffingRunRow | null>;
  listStaffingRuns(): Promise<StaffingRunRow[]>;
}

export interface BinomeSetRow {
  id: string;
  createdAt: string;
  status: 'proposee' | 'confirmee' | 'remplacee';
  basedOn: string | null;
  proposal: unknown;
  confirmedAt: string | null;
  confirmedBy: string | null;
}

export interface StaffingRunRow {
  id: string;
  createdAt: string;
  params: unknown;
  result: unknown;
}

export function toBinomeSet(r: Record<string, unknown>): BinomeSetRow {
  return { id: String(r.id), createdAt: String(r.created_at), status: r.status as BinomeSetRow['status'], basedOn: (r.based_on as string | null) ?? null, proposal: JSON.parse(String(r.proposal)), confirmedAt: (r.confirmed_at as string | null) ?? null, confirmedBy: (r.confirmed_by as string | null) ?? null };
}

export function toStaffingRun(r: Record<string, unknown>): StaffingRunRow {
  return { id: String(r.id), createdAt: String(r.created_at), params: JSON.parse(String(r.params)), result: r.result ? JSON.parse(String(r.result)) : null };
}

/** A binôme proposal can be confirmed once, and only on top of the set it was made from. */
export function confirmable(row: BinomeSetRow | null, current: BinomeSetRow | null): void {
  if (!row) throw new Error('unknown proposal');
  if (row.status !== 'proposee') throw new StaleProposalError(`this proposal is ${row.status === 'confirmee' ? 'already confirmed' : 'replaced'}`);
  if ((current?.id ?? null) !== row.basedOn) throw new StaleProposalError('other binômes were confirmed since this proposal was made: make a new proposal');
}

export class StaleProposalError extends Error {}

export class ConflictError extends Error {
  constructor(public readonly currentVersion: number) {
    super(`the planning has changed (current version ${currentVersion})`);
  }
}

/** The database cannot be reached (PostgreSQL down, connection lost): the request may be retried. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${(cause as Error)?.message ?? cause}`);
  }
}

export const now = () => new Date().toISOString();
// Every request hashes its token: the one-shot crypto.hash (Node 20.12+) is about twice as fast as a Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export const hashToken = (token: string) => (oneShot ? oneShot('sha256', token, 'hex') : createHash('sha256').update(token).digest('hex'));
/** 256 bits of randomness, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');
export const INTERRUPTED = 'interrompu par un redémarrage du serveur';

type Stamp = { version: number; updatedAt: string };

/**
 * A planning's stamp (version, last change), read by every planning view to key its cache. Kept until a
 * write through this store, and for at most a second, so that a change made by another server of a shared deployment
 * shows within a second. A read that overlaps a write is not kept (the generation moved on).
 */
export class StampCache {
  private generation = 0;
  private cache = new Map<string, { stamp: Stamp | null; until: number }>();
  constructor(private readonly ttlMs = 1_000) {}

  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  async get(id: string, read: () => Promise<Stamp | null> | Stamp | null): Promise<Stamp | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.stamp;
    const generation = this.generation;
    const stamp = await read();
    if (generation === this.generation) {
      if (this.cache.size > 1_000) this.cache.clear();
      this.cache.set(id, { stamp, until: Date.now() + this.ttlMs });
    }
    return stamp;
  }
}

/**
 * Token look-ups by hash, compared in constant time, cached until a token changes here (every request reads one),
 * and for at most a minute, so that a token revoked through another server of a shared deployment stops working.
 */
export class TokenCache {
  private cache = new Map<string, { owner: TokenOwner | null; until: number }>();
  constructor(private readonly ttlMs = 60_000) {}

  clear(): void {
    this.cache.clear();
  }

  peek(token: string, kind: TokenKind): TokenOwner | null | undefined {
    const hit = this.cache.get(`${kind}|${hashToken(token)}`);
    return hit && hit.until > Date.now() ? hit.owner : undefined;
  }

  async find(token: string, kind: TokenKind, lookup: (hash: string) => Promise<{ hash: string; person_id: string | null; feed_id: string | null } | undefined>): Promise<TokenOwner | null> {
    const h = hashToken(token);
    const key = `${kind}|${h}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.owner;
    const row = await lookup(h);
    const found = row && timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(h, 'hex')) ? { personId: row.person_id, feedId: row.feed_id } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { owner: found, until: Date.now() + this.ttlMs });
    return found;
  }
}

export function toPlanning(r: Record<string, unknown>): PlanningRow {
  return {
    id: String(r.id),
    from: String(r.period_from),
    to: String(r.period_to),
    version: Number(r.version),
    rota: r.rota ? JSON.parse(String(r.rota)) : null,
    report: r.report ? JSON.parse(String(r.report)) : null,
    publishedVersion: r.published_version === null || r.published_version === undefined ? null : Number(r.published_version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

export function toJob(r: Record<string, unknown>): JobRow {
  return { id: String(r.id), planningId: String(r.planning_id), status: r.status as JobRow['status'], progress: r.progress ? JSON.parse(String(r.progress)) : null, error: (r.error as string | null) ?? null, createdAt: String(r.created_at), updatedAt: String(r.updated_at) };
}

/** Test hook: the milliseconds a publish waits inside its transaction, so that a crash test can kill the process there. */
export const publishPauseMs = () => Number(process.env.APMN_TEST_PUBLISH_PAUSE_MS ?? 0);
