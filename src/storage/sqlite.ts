import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfigInput } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import type { StoredRevision } from '../calendar/feeds.js';
import { MIGRATIONS } from './migrations.js';
import { ConflictError, INTERRUPTED, StampCache, TokenCache, confirmable, newToken, hashToken, now, publishPauseMs, toBinomeSet, toJob, toPlanning, toStaffingRun, type BinomeSetRow, type JobRow, type PlanningRow, type Store, type TokenKind } from './store.js';

type Row = Record<string, unknown>;

/** The embedded store: one SQLite file, migrated on open; every write is one transaction. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly tokens = new TokenCache();
  private readonly stamps = new StampCache();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    // A job cannot survive its process: one still "running" at start-up was cut by a crash or a kill.
    this.db.prepare(`UPDATE jobs SET status = 'failed', error = ?, updated_at = ? WHERE status = 'running'`).run(INTERRUPTED, now());
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

  private readonly statements = new Map<string, Database.Statement>();

  /** Statements are prepared once: the hot reads (a token, a planning's stamp) run thousands of times a second. */
  private prepared(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private get(sql: string, ...args: unknown[]): Row | undefined {
    return this.prepared(sql).get(...args) as Row | undefined;
  }

  private all(sql: string, ...args: unknown[]): Row[] {
    return this.prepared(sql).all(...args) as Row[];
  }

  /** Every write goes through here (transactions included: they are synchronous, no read runs in between). */
  private run(sql: string, ...args: unknown[]): void {
    this.stamps.invalidate();
    this.prepared(sql).run(...args);
  }

  async schemaVersion(): Promise<number> {
    return Number(this.get('SELECT MAX(version) v FROM schema_migrations')!.v);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async getConfig(): Promise<ConfigInput | null> {
    const row = this.get('SELECT json FROM config WHERE id = 1');
    return row ? JSON.parse(String(row.json)) : null;
  }

  private writeConfig(config: ConfigInput): void {
    this.run('INSERT INTO config (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at', JSON.stringify(config), now());
  }

  async putConfig(config: ConfigInput): Promise<void> {
    this.writeConfig(config);
  }

  async createPlanning(id: string, from: string, to: string): Promise<PlanningRow> {
    const t = now();
    this.run('INSERT INTO plannings (id, period_from, period_to, version, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)', id, from, to, t, t);
    return this.planningRow(id)!;
  }

  private planningRow(id: string): PlanningRow | null {
    const r = this.get('SELECT * FROM plannings WHERE id = ?', id);
    return r ? toPlanning(r) : null;
  }

  async getPlanning(id: string): Promise<PlanningRow | null> {
    return this.planningRow(id);
  }

  async planningStamp(id: string): Promise<{ version: number; updatedAt: string } | null> {
    return this.stamps.get(id, () => {
      const r = this.get('SELECT version, updated_at FROM plannings WHERE id = ?', id);
      return r ? { version: Number(r.version), updatedAt: String(r.updated_at) } : null;
    });
  }

  async listPlannings(): Promise<PlanningRow[]> {
    return this.all('SELECT * FROM plannings ORDER BY period_from, created_at').map(toPlanning);
  }

  async saveDraft(id: string, baseVersion: number, rota: Rota, report: unknown, config?: ConfigInput): Promise<PlanningRow> {
    return this.db
      .transaction(() => {
        const current = this.planningRow(id);
        if (!current) throw new Error(`unknown planning ${id}`);
        if (current.version !== baseVersion) throw new ConflictError(current.version);
        if (config) this.writeConfig(config);
        this.run('UPDATE plannings SET version = ?, rota = ?, report = ?, updated_at = ? WHERE id = ?', baseVersion + 1, JSON.stringify(rota), JSON.stringify(report), now(), id);
        return this.planningRow(id)!;
      })
      .immediate();
  }

  async publish(id: string, baseVersion: number, revise: (rota: Rota, previous: Map<string, StoredRevision>) => Map<string, StoredRevision>): Promise<PlanningRow> {
    return this.db
      .transaction(() => {
        const current = this.planningRow(id);
        if (!current?.rota) throw new Error(`planning ${id} has no draft to publish`);
        // Based on an old draft, or this draft already published (two publishes racing): the loser learns the version.
        if (current.version !== baseVersion || current.publishedVersion === current.version) throw new ConflictError(current.version);
        this.run('INSERT INTO published_versions (planning_id, version, rota, published_at) VALUES (?, ?, ?, ?)', id, current.version, JSON.stringify(current.rota), now());
        const pause = publishPauseMs();
        if (pause > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
        this.run('UPDATE plannings SET published_version = ?, updated_at = ? WHERE id = ?', current.version, now(), id);
        const upsert = this.db.prepare('INSERT INTO feed_revisions (uid, sequence, last_modified, hash) VALUES (?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET sequence = excluded.sequence, last_modified = excluded.last_modified, hash = excluded.hash');
        for (const [uid, r] of revise(current.rota, this.revisionMap())) upsert.run(uid, r.sequence, r.lastModified, r.hash);
        return this.planningRow(id)!;
      })
      .immediate();
  }

  async getPublished(id: string, version?: number) {
    const r = version === undefined ? this.get('SELECT * FROM published_versions WHERE planning_id = ? ORDER BY version DESC LIMIT 1', id) : this.get('SELECT * FROM published_versions WHERE planning_id = ? AND version = ?', id, version);
    return r ? { version: Number(r.version), rota: JSON.parse(String(r.rota)) as Rota, publishedAt: String(r.published_at) } : null;
  }

  async publishedVersions(id: string) {
    return this.all('SELECT version, published_at FROM published_versions WHERE planning_id = ? ORDER BY version', id).map((r) => ({ version: Number(r.version), publishedAt: String(r.published_at) }));
  }

  async allPublished() {
    return this.all('SELECT v.* FROM published_versions v JOIN plannings p ON p.id = v.planning_id AND p.published_version = v.version ORDER BY p.period_from').map((r) => ({
      planningId: String(r.planning_id),
      version: Number(r.version),
      rota: JSON.parse(String(r.rota)) as Rota,
      publishedAt: String(r.published_at),
    }));
  }

  async erasePerson(personId: string, scrub: <T>(value: T) => T, nextConfig: ConfigInput): Promise<void> {
    this.tokens.clear();
    this.db.transaction(() => {
      for (const r of this.all('SELECT id, rota, report FROM plannings WHERE rota IS NOT NULL'))
        this.run('UPDATE plannings SET rota = ?, report = ? WHERE id = ?', JSON.stringify(scrub(JSON.parse(String(r.rota)))), r.report === null ? null : JSON.stringify(scrub(JSON.parse(String(r.report)))), r.id);
      for (const r of this.all('SELECT planning_id, version, rota FROM published_versions'))
        this.run('UPDATE published_versions SET rota = ? WHERE planning_id = ? AND version = ?', JSON.stringify(scrub(JSON.parse(String(r.rota)))), r.planning_id, r.version);
      for (const r of this.all('SELECT id, proposal, confirmed_by FROM binome_sets'))
        this.run('UPDATE binome_sets SET proposal = ?, confirmed_by = ? WHERE id = ?', JSON.stringify(scrub(JSON.parse(String(r.proposal)))), r.confirmed_by === null ? null : scrub(r.confirmed_by), r.id);
      for (const r of this.all('SELECT id, params, result FROM staffing_runs'))
        this.run('UPDATE staffing_runs SET params = ?, result = ? WHERE id = ?', JSON.stringify(scrub(JSON.parse(String(r.params)))), r.result === null ? null : JSON.stringify(scrub(JSON.parse(String(r.result)))), r.id);
      this.writeConfig(nextConfig);
      this.run('UPDATE tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL', now(), personId);
      this.run('DELETE FROM feed_revisions WHERE uid LIKE ?', `%-${personId}-%`);
    })();
  }

  private revisionMap(): Map<string, StoredRevision> {
    return new Map(this.all('SELECT * FROM feed_revisions').map((r) => [String(r.uid), { sequence: Number(r.sequence), lastModified: String(r.last_modified), hash: String(r.hash) }]));
  }

  async revisions(): Promise<Map<string, StoredRevision>> {
    return this.revisionMap();
  }

  async createJob(id: string, planningId: string): Promise<JobRow> {
    const t = now();
    this.run(`INSERT INTO jobs (id, planning_id, status, created_at, updated_at) VALUES (?, ?, 'running', ?, ?)`, id, planningId, t, t);
    return (await this.getJob(id))!;
  }

  async updateJob(id: string, fields: { status?: JobRow['status']; progress?: unknown; error?: string }): Promise<void> {
    const cur = await this.getJob(id);
    if (!cur) return;
    this.run('UPDATE jobs SET status = ?, progress = ?, error = ?, updated_at = ? WHERE id = ?', fields.status ?? cur.status, JSON.stringify(fields.progress ?? cur.progress ?? null), fields.error ?? cur.error, now(), id);
  }

  async getJob(id: string): Promise<JobRow | null> {
    const r = this.get('SELECT * FROM jobs WHERE id = ?', id);
    return r ? toJob(r) : null;
  }

  private insertToken(kind: TokenKind, personId: string | null, feedId: string | null): string {
    const token = newToken();
    this.run('INSERT INTO tokens (hash, kind, person_id, feed_id, created_at) VALUES (?, ?, ?, ?, ?)', hashToken(token), kind, personId, feedId, now());
    return token;
  }

  async issueToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string> {
    this.tokens.clear();
    return this.insertToken(kind, personId, feedId);
  }

  async rotateToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string> {
    this.tokens.clear();
    return this.db.transaction(() => {
      this.run('UPDATE tokens SET revoked_at = ? WHERE kind = ? AND person_id IS ? AND feed_id IS ? AND revoked_at IS NULL', now(), kind, personId, feedId);
      return this.insertToken(kind, personId, feedId);
    })();
  }

  peekToken(token: string, kind: TokenKind) {
    return this.tokens.peek(token, kind);
  }

  async findToken(token: string, kind: TokenKind) {
    return this.tokens.find(token, kind, async (h) => this.get('SELECT * FROM tokens WHERE hash = ? AND kind = ? AND revoked_at IS NULL', h, kind) as { hash: string; person_id: string | null; feed_id: string | null } | undefined);
  }

  async getDocument(name: string): Promise<unknown> {
    const r = this.get('SELECT json FROM documents WHERE name = ?', name);
    return r ? JSON.parse(String(r.json)) : null;
  }

  async putDocument(name: string, value: unknown): Promise<void> {
    this.run('INSERT INTO documents (name, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at', name, JSON.stringify(value), now());
  }

  async createBinomeSet(id: string, basedOn: string | null, proposal: unknown): Promise<BinomeSetRow> {
    this.run(`INSERT INTO binome_sets (id, created_at, status, based_on, proposal) VALUES (?, ?, 'proposee', ?, ?)`, id, now(), basedOn, JSON.stringify(proposal));
    return (await this.getBinomeSet(id))!;
  }

  async getBinomeSet(id: string): Promise<BinomeSetRow | null> {
    const r = this.get('SELECT * FROM binome_sets WHERE id = ?', id);
    return r ? toBinomeSet(r) : null;
  }

  async listBinomeSets(): Promise<BinomeSetRow[]> {
    return this.all('SELECT * FROM binome_sets ORDER BY created_at, id').map(toBinomeSet);
  }

  async confirmBinomeSet(id: string, by: string): Promise<BinomeSetRow> {
    return this.db
      .transaction(() => {
        const row = this.get('SELECT * FROM binome_sets WHERE id = ?', id);
        const current = this.get(`SELECT * FROM binome_sets WHERE status = 'confirmee'`);
        confirmable(row ? toBinomeSet(row) : null, current ? toBinomeSet(current) : null);
        const t = now();
        this.run(`UPDATE binome_sets SET status = 'remplacee' WHERE status = 'confirmee'`);
        this.run(`UPDATE binome_sets SET status = 'confirmee', confirmed_at = ?, confirmed_by = ? WHERE id = ?`, t, by, id);
        return toBinomeSet(this.get('SELECT * FROM binome_sets WHERE id = ?', id)!);
      })
      .immediate();
  }

  async createStaffingRun(id: string, params: unknown): Promise<void> {
    this.run('INSERT INTO staffing_runs (id, created_at, params) VALUES (?, ?, ?)', id, now(), JSON.stringify(params));
  }

  async finishStaffingRun(id: string, result: unknown): Promise<void> {
    this.run('UPDATE staffing_runs SET result = ? WHERE id = ?', JSON.stringify(result), id);
  }

  async getStaffingRun(id: string) {
    const r = this.get('SELECT * FROM staffing_runs WHERE id = ?', id);
    return r ? toStaffingRun(r) : null;
  }

  async listStaffingRuns() {
    return this.all('SELECT * FROM staffing_runs ORDER BY created_at, id').map(toStaffingRun);
  }
}
