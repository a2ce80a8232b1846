import Database from 'better-sqlite3';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfigInput } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import type { StoredRevision } from '../calendar/feeds.js';
import { MIGRATIONS } from './migrations.js';

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

export class ConflictError extends Error {
  constructor(public readonly currentVersion: number) {
    super(`the planning has changed (current version ${currentVersion})`);
  }
}

const now = () => new Date().toISOString();
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 bits of randomness, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');

/** The embedded store: one SQLite file, migrated on open; every write is one transaction. */
export class Store {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    // A job cannot survive its process: one still "running" at start-up was cut by a crash or a kill.
    this.db.prepare(`UPDATE jobs SET status = 'failed', error = 'interrompu par un redémarrage du serveur', updated_at = ? WHERE status = 'running'`).run(now());
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set(this.db.prepare('SELECT version FROM schema_migrations').all().map((r) => (r as { version: number }).version));
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now());
      })();
    }
  }

  schemaVersion(): number {
    return (this.db.prepare('SELECT MAX(version) v FROM schema_migrations').get() as { v: number }).v;
  }

  close(): void {
    this.db.close();
  }

  getConfig(): ConfigInput | null {
    const row = this.db.prepare('SELECT json FROM config WHERE id = 1').get() as { json: string } | undefined;
    return row ? JSON.parse(row.json) : null;
  }

  putConfig(config: ConfigInput): void {
    this.db.prepare('INSERT INTO config (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at').run(JSON.stringify(config), now());
  }

  createPlanning(id: string, from: string, to: string): PlanningRow {
    const t = now();
    this.db.prepare('INSERT INTO plannings (id, period_from, period_to, version, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)').run(id, from, to, t, t);
    return this.getPlanning(id)!;
  }

  getPlanning(id: string): PlanningRow | null {
    const r = this.db.prepare('SELECT * FROM plannings WHERE id = ?').get(id) as Record<string, string | number | null> | undefined;
    return r ? toPlanning(r) : null;
  }

  listPlannings(): PlanningRow[] {
    return (this.db.prepare('SELECT * FROM plannings ORDER BY period_from, created_at').all() as Record<string, string | number | null>[]).map(toPlanning);
  }

  /** Writes a new draft if the planning is still at `baseVersion`: a stale write is refused, never silently applied. */
  saveDraft(id: string, baseVersion: number, rota: Rota, report: unknown): PlanningRow {
    return this.db.transaction(() => {
      const current = this.getPlanning(id);
      if (!current) throw new Error(`unknown planning ${id}`);
      if (current.version !== baseVersion) throw new ConflictError(current.version);
      this.db.prepare('UPDATE plannings SET version = ?, rota = ?, report = ?, updated_at = ? WHERE id = ?').run(baseVersion + 1, JSON.stringify(rota), JSON.stringify(report), now(), id);
      return this.getPlanning(id)!;
    }).immediate();
  }

  /** Publishes the draft at `baseVersion` as a new published version; the earlier ones stay readable. */
  publish(id: string, baseVersion: number, revise: (rota: Rota) => Map<string, StoredRevision>): PlanningRow {
    return this.db.transaction(() => {
      const current = this.getPlanning(id);
      if (!current?.rota) throw new Error(`planning ${id} has no draft to publish`);
      // Based on an old draft, or this draft already published (two publishes racing): the loser learns the version.
      if (current.version !== baseVersion || current.publishedVersion === current.version) throw new ConflictError(current.version);
      this.db.prepare('INSERT INTO published_versions (planning_id, version, rota, published_at) VALUES (?, ?, ?, ?)').run(id, current.version, JSON.stringify(current.rota), now());
      pauseForCrashTest();
      this.db.prepare('UPDATE plannings SET published_version = ?, updated_at = ? WHERE id = ?').run(current.version, now(), id);
      const upsert = this.db.prepare('INSERT INTO feed_revisions (uid, sequence, last_modified, hash) VALUES (?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET sequence = excluded.sequence, last_modified = excluded.last_modified, hash = excluded.hash');
      for (const [uid, r] of revise(current.rota)) upsert.run(uid, r.sequence, r.lastModified, r.hash);
      return this.getPlanning(id)!;
    }).immediate();
  }

  getPublished(id: string, version?: number): { version: number; rota: Rota; publishedAt: string } | null {
    const r = (
      version === undefined
        ? this.db.prepare('SELECT * FROM published_versions WHERE planning_id = ? ORDER BY version DESC LIMIT 1').get(id)
        : this.db.prepare('SELECT * FROM published_versions WHERE planning_id = ? AND version = ?').get(id, version)
    ) as { version: number; rota: string; published_at: string } | undefined;
    return r ? { version: r.version, rota: JSON.parse(r.rota), publishedAt: r.published_at } : null;
  }

  publishedVersions(id: string): { version: number; publishedAt: string }[] {
    return (this.db.prepare('SELECT version, published_at FROM published_versions WHERE planning_id = ? ORDER BY version').all(id) as { version: number; published_at: string }[]).map((r) => ({ version: r.version, publishedAt: r.published_at }));
  }

  /** The latest published version of every planning, for the feeds. */
  allPublished(): { planningId: string; version: number; rota: Rota; publishedAt: string }[] {
    const rows = this.db
      .prepare('SELECT v.* FROM published_versions v JOIN plannings p ON p.id = v.planning_id AND p.published_version = v.version ORDER BY p.period_from')
      .all() as { planning_id: string; version: number; rota: string; published_at: string }[];
    return rows.map((r) => ({ planningId: r.planning_id, version: r.version, rota: JSON.parse(r.rota), publishedAt: r.published_at }));
  }

  /** Rewrites every stored rota and report, draft and published, in one transaction (used to erase a person). */
  rewriteRotas(fn: <T>(value: T) => T, extra?: () => void): void {
    this.db.transaction(() => {
      for (const r of this.db.prepare('SELECT id, rota, report FROM plannings WHERE rota IS NOT NULL').all() as { id: string; rota: string; report: string | null }[])
        this.db.prepare('UPDATE plannings SET rota = ?, report = ? WHERE id = ?').run(JSON.stringify(fn(JSON.parse(r.rota))), r.report === null ? null : JSON.stringify(fn(JSON.parse(r.report))), r.id);
      for (const r of this.db.prepare('SELECT planning_id, version, rota FROM published_versions').all() as { planning_id: string; version: number; rota: string }[])
        this.db.prepare('UPDATE published_versions SET rota = ? WHERE planning_id = ? AND version = ?').run(JSON.stringify(fn(JSON.parse(r.rota))), r.planning_id, r.version);
      extra?.();
    })();
  }

  forgetPerson(personId: string): void {
    this.tokenCache.clear();
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL').run(now(), personId);
    this.db.prepare('DELETE FROM feed_revisions WHERE uid LIKE ?').run(`%-${personId}-%`);
  }

  revisions(): Map<string, StoredRevision> {
    const rows = this.db.prepare('SELECT * FROM feed_revisions').all() as { uid: string; sequence: number; last_modified: string; hash: string }[];
    return new Map(rows.map((r) => [r.uid, { sequence: r.sequence, lastModified: r.last_modified, hash: r.hash }]));
  }

  createJob(id: string, planningId: string): JobRow {
    const t = now();
    this.db.prepare(`INSERT INTO jobs (id, planning_id, status, created_at, updated_at) VALUES (?, ?, 'running', ?, ?)`).run(id, planningId, t, t);
    return this.getJob(id)!;
  }

  updateJob(id: string, fields: { status?: JobRow['status']; progress?: unknown; error?: string }): void {
    const cur = this.getJob(id);
    if (!cur) return;
    this.db
      .prepare('UPDATE jobs SET status = ?, progress = ?, error = ?, updated_at = ? WHERE id = ?')
      .run(fields.status ?? cur.status, JSON.stringify(fields.progress ?? cur.progress ?? null), fields.error ?? cur.error, now(), id);
  }

  getJob(id: string): JobRow | null {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Record<string, string | null> | undefined;
    if (!r) return null;
    return { id: r.id!, planningId: r.planning_id!, status: r.status as JobRow['status'], progress: r.progress ? JSON.parse(r.progress) : null, error: r.error, createdAt: r.created_at!, updatedAt: r.updated_at! };
  }

  /** Stores only the hash of a new token; returns the token itself, shown once. */
  issueToken(kind: 'api' | 'feed', personId: string | null, feedId: string | null): string {
    this.tokenCache.clear();
    const token = newToken();
    this.db.prepare('INSERT INTO tokens (hash, kind, person_id, feed_id, created_at) VALUES (?, ?, ?, ?, ?)').run(hashToken(token), kind, personId, feedId, now());
    return token;
  }

  /** Revokes every live token of that kind for the person (or feed) and issues a new one. */
  rotateToken(kind: 'api' | 'feed', personId: string | null, feedId: string | null): string {
    this.tokenCache.clear();
    return this.db.transaction(() => {
      this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE kind = ? AND person_id IS ? AND feed_id IS ? AND revoked_at IS NULL').run(now(), kind, personId, feedId);
      return this.issueToken(kind, personId, feedId);
    })();
  }

  private tokenCache = new Map<string, { personId: string | null; feedId: string | null } | null>();

  /** Looks a token up by its hash, compared in constant time; answers are cached until a token changes. */
  findToken(token: string, kind: 'api' | 'feed'): { personId: string | null; feedId: string | null } | null {
    const h = hashToken(token);
    const cacheKey = `${kind}|${h}`;
    if (this.tokenCache.has(cacheKey)) return this.tokenCache.get(cacheKey)!;
    const found = this.lookupToken(h, kind);
    if (this.tokenCache.size > 10_000) this.tokenCache.clear();
    this.tokenCache.set(cacheKey, found);
    return found;
  }

  private lookupToken(h: string, kind: 'api' | 'feed'): { personId: string | null; feedId: string | null } | null {
    const row = this.db.prepare('SELECT * FROM tokens WHERE hash = ? AND kind = ? AND revoked_at IS NULL').get(h, kind) as { hash: string; person_id: string | null; feed_id: string | null } | undefined;
    if (!row || !timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(h, 'hex'))) return null;
    return { personId: row.person_id, feedId: row.feed_id };
  }
}

function toPlanning(r: Record<string, string | number | null>): PlanningRow {
  return {
    id: String(r.id),
    from: String(r.period_from),
    to: String(r.period_to),
    version: Number(r.version),
    rota: r.rota ? JSON.parse(String(r.rota)) : null,
    report: r.report ? JSON.parse(String(r.report)) : null,
    publishedVersion: r.published_version === null ? null : Number(r.published_version),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** Test hook: holds a publish inside its transaction so that a crash test can kill the process right there. */
function pauseForCrashTest(): void {
  const ms = Number(process.env.APMN_TEST_PUBLISH_PAUSE_MS ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
