import pg from 'pg';
import type { ConfigInput } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import type { StoredRevision } from '../calendar/feeds.js';
import { MIGRATIONS } from './migrations.js';
import { ConflictError, INTERRUPTED, StampCache, StoreUnavailableError, TokenCache, confirmable, hashToken, newToken, now, publishPauseMs, toBinomeSet, toJob, toPlanning, toStaffingRun, type BinomeSetRow, type JobRow, type PlanningRow, type Store, type TokenKind } from './store.js';

type Row = Record<string, unknown>;
type Db = Pick<pg.PoolClient, 'query'>;

/** Connection-level failures (server down, connection cut, pool timeout): the request may be retried later. */
function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code && (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03'].includes(err.code) || err.code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(err?.message ?? '');
}

const mapped = (e: unknown) => (isUnavailable(e) ? new StoreUnavailableError(e) : e);
const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** The shared store: a PostgreSQL database (DATABASE_URL), the same tables and transactions as the SQLite one. */
export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly tokens = new TokenCache();
  private readonly stamps = new StampCache();

  private constructor(readonly pool: pg.Pool) {}

  /** Connects, creates the schema if needed, migrates under an advisory lock (two servers starting at once). */
  static async open(url: string, schema = 'public'): Promise<PgStore> {
    if (!identifier.test(schema)) throw new Error(`DATABASE_SCHEMA "${schema}" must be a lower-case SQL identifier`);
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000, options: `-c search_path=${schema}` });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PgStore(pool);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await store.migrate();
      await pool.query(`UPDATE jobs SET status = 'failed', error = $1, updated_at = $2 WHERE status = 'running'`, [INTERRUPTED, now()]);
    } catch (e) {
      await pool.end();
      throw mapped(e);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(72015)');
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const applied = new Set((await c.query('SELECT version FROM schema_migrations')).rows.map((r: Row) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql);
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now()]);
      }
    });
  }

  private async rows(sql: string, args: unknown[] = [], db: Db = this.pool): Promise<Row[]> {
    // A write forgets the cached stamps before and after it runs, so that no read overlapping it is kept.
    const write = !/^\s*SELECT\b/i.test(sql);
    if (write) this.stamps.invalidate();
    try {
      return (await db.query(sql, args)).rows as Row[];
    } catch (e) {
      throw mapped(e);
    } finally {
      if (write) this.stamps.invalidate();
    }
  }

  private async one(sql: string, args: unknown[] = [], db: Db = this.pool): Promise<Row | undefined> {
    return (await this.rows(sql, args, db))[0];
  }

  /** One transaction on one connection; a broken connection is discarded rather than returned to the pool. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw mapped(e);
    }
    let broken: Error | undefined;
    this.stamps.invalidate();
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      if (isUnavailable(e)) broken = e as Error;
      else await client.query('ROLLBACK').catch((r: Error) => (broken = r));
      throw mapped(e);
    } finally {
      this.stamps.invalidate();
      client.release(broken);
    }
  }

  async schemaVersion(): Promise<number> {
    return Number((await this.one('SELECT MAX(version) v FROM schema_migrations'))!.v);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async getConfig(): Promise<ConfigInput | null> {
    const row = await this.one('SELECT json FROM config WHERE id = 1');
    return row ? JSON.parse(String(row.json)) : null;
  }

  private async writeConfig(config: ConfigInput, db: Db = this.pool): Promise<void> {
    await this.rows('INSERT INTO config (id, json, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at', [JSON.stringify(config), now()], db);
  }

  putConfig(config: ConfigInput): Promise<void> {
    return this.writeConfig(config);
  }

  async createPlanning(id: string, from: string, to: string): Promise<PlanningRow> {
    const t = now();
    await this.rows('INSERT INTO plannings (id, period_from, period_to, version, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $5)', [id, from, to, t, t]);
    return (await this.getPlanning(id))!;
  }

  async getPlanning(id: string, db: Db = this.pool, lock = false): Promise<PlanningRow | null> {
    const r = await this.one(`SELECT * FROM plannings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id], db);
    return r ? toPlanning(r) : null;
  }

  async planningStamp(id: string) {
    return this.stamps.get(id, async () => {
      const r = await this.one('SELECT version, updated_at FROM plannings WHERE id = $1', [id]);
      return r ? { version: Number(r.version), updatedAt: String(r.updated_at) } : null;
    });
  }

  async listPlannings(): Promise<PlanningRow[]> {
    return (await this.rows('SELECT * FROM plannings ORDER BY period_from, created_at')).map(toPlanning);
  }

  saveDraft(id: string, baseVersion: number, rota: Rota, report: unknown, config?: ConfigInput): Promise<PlanningRow> {
    return this.tx(async (c) => {
      const current = await this.getPlanning(id, c, true);
      if (!current) throw new Error(`unknown planning ${id}`);
      if (current.version !== baseVersion) throw new ConflictError(current.version);
      if (config) await this.writeConfig(config, c);
      await c.query('UPDATE plannings SET version = $1, rota = $2, report = $3, updated_at = $4 WHERE id = $5', [baseVersion + 1, JSON.stringify(rota), JSON.stringify(report), now(), id]);
      return (await this.getPlanning(id, c))!;
    });
  }

  publish(id: string, baseVersion: number, revise: (rota: Rota, previous: Map<string, StoredRevision>) => Map<string, StoredRevision>): Promise<PlanningRow> {
    return this.tx(async (c) => {
      // The row lock serialises racing publishes: the second one sees the first one's result.
      const current = await this.getPlanning(id, c, true);
      if (!current?.rota) throw new Error(`planning ${id} has no draft to publish`);
      if (current.version !== baseVersion || current.publishedVersion === current.version) throw new ConflictError(current.version);
      await c.query('INSERT INTO published_versions (planning_id, version, rota, published_at) VALUES ($1, $2, $3, $4)', [id, current.version, JSON.stringify(current.rota), now()]);
      const pause = publishPauseMs();
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      await c.query('UPDATE plannings SET published_version = $1, updated_at = $2 WHERE id = $3', [current.version, now(), id]);
      const revised = [...revise(current.rota, await this.revisionMap(c))];
      // One statement per 500 revisions: a year is thousands of events.
      for (let i = 0; i < revised.length; i += 500) {
        const chunk = revised.slice(i, i + 500);
        const values = chunk.map((_, k) => `($${4 * k + 1}, $${4 * k + 2}, $${4 * k + 3}, $${4 * k + 4})`).join(', ');
        await c.query(
          `INSERT INTO feed_revisions (uid, sequence, last_modified, hash) VALUES ${values} ON CONFLICT (uid) DO UPDATE SET sequence = excluded.sequence, last_modified = excluded.last_modified, hash = excluded.hash`,
          chunk.flatMap(([uid, r]) => [uid, r.sequence, r.lastModified, r.hash]),
        );
      }
      return (await this.getPlanning(id, c))!;
    });
  }

  async getPublished(id: string, version?: number) {
    const r = version === undefined ? await this.one('SELECT * FROM published_versions WHERE planning_id = $1 ORDER BY version DESC LIMIT 1', [id]) : await this.one('SELECT * FROM published_versions WHERE planning_id = $1 AND version = $2', [id, version]);
    return r ? { version: Number(r.version), rota: JSON.parse(String(r.rota)) as Rota, publishedAt: String(r.published_at) } : null;
  }

  async publishedVersions(id: string) {
    return (await this.rows('SELECT version, published_at FROM published_versions WHERE planning_id = $1 ORDER BY version', [id])).map((r) => ({ version: Number(r.version), publishedAt: String(r.published_at) }));
  }

  async allPublished() {
    const rows = await this.rows('SELECT v.* FROM published_versions v JOIN plannings p ON p.id = v.planning_id AND p.published_version = v.version ORDER BY p.period_from');
    return rows.map((r) => ({ planningId: String(r.planning_id), version: Number(r.version), rota: JSON.parse(String(r.rota)) as Rota, publishedAt: String(r.published_at) }));
  }

  erasePerson(personId: string, scrub: <T>(value: T) => T, nextConfig: ConfigInput): Promise<void> {
    this.tokens.clear();
    return this.tx(async (c) => {
      for (const r of (await c.query('SELECT id, rota, report FROM plannings WHERE rota IS NOT NULL FOR UPDATE')).rows as Row[])
        await c.query('UPDATE plannings SET rota = $1, report = $2 WHERE id = $3', [JSON.stringify(scrub(JSON.parse(String(r.rota)))), r.report === null ? null : JSON.stringify(scrub(JSON.parse(String(r.report)))), r.id]);
      for (const r of (await c.query('SELECT planning_id, version, rota FROM published_versions FOR UPDATE')).rows as Row[])
        await c.query('UPDATE published_versions SET rota = $1 WHERE planning_id = $2 AND version = $3', [JSON.stringify(scrub(JSON.parse(String(r.rota)))), r.planning_id, r.version]);
      for (const r of (await c.query('SELECT id, proposal, confirmed_by FROM binome_sets FOR UPDATE')).rows as Row[])
        await c.query('UPDATE binome_sets SET proposal = $1, confirmed_by = $2 WHERE id = $3', [JSON.stringify(scrub(JSON.parse(String(r.proposal)))), r.confirmed_by === null ? null : scrub(r.confirmed_by), r.id]);
      for (const r of (await c.query('SELECT id, params, result FROM staffing_runs FOR UPDATE')).rows as Row[])
        await c.query('UPDATE staffing_runs SET params = $1, result = $2 WHERE id = $3', [JSON.stringify(scrub(JSON.parse(String(r.params)))), r.result === null ? null : JSON.stringify(scrub(JSON.parse(String(r.result)))), r.id]);
      await this.writeConfig(nextConfig, c);
      await c.query('UPDATE tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL', [now(), personId]);
      await c.query('DELETE FROM feed_revisions WHERE uid LIKE $1', [`%-${personId}-%`]);
      this.tokens.clear();
    });
  }

  private async revisionMap(db: Db = this.pool): Promise<Map<string, StoredRevision>> {
    return new Map((await this.rows('SELECT * FROM feed_revisions', [], db)).map((r) => [String(r.uid), { sequence: Number(r.sequence), lastModified: String(r.last_modified), hash: String(r.hash) }]));
  }

  revisions(): Promise<Map<string, StoredRevision>> {
    return this.revisionMap();
  }

  async createJob(id: string, planningId: string): Promise<JobRow> {
    const t = now();
    await this.rows(`INSERT INTO jobs (id, planning_id, status, created_at, updated_at) VALUES ($1, $2, 'running', $3, $4)`, [id, planningId, t, t]);
    return (await this.getJob(id))!;
  }

  async updateJob(id: string, fields: { status?: JobRow['status']; progress?: unknown; error?: string }): Promise<void> {
    await this.rows(
      `UPDATE jobs SET status = COALESCE($1, status), progress = COALESCE($2, progress), error = COALESCE($3, error), updated_at = $4 WHERE id = $5`,
      [fields.status ?? null, fields.progress === undefined ? null : JSON.stringify(fields.progress), fields.error ?? null, now(), id],
    );
  }

  async getJob(id: string): Promise<JobRow | null> {
    const r = await this.one('SELECT * FROM jobs WHERE id = $1', [id]);
    return r ? toJob(r) : null;
  }

  private async insertToken(kind: TokenKind, personId: string | null, feedId: string | null, db: Db = this.pool): Promise<string> {
    const token = newToken();
    await this.rows('INSERT INTO tokens (hash, kind, person_id, feed_id, created_at) VALUES ($1, $2, $3, $4, $5)', [hashToken(token), kind, personId, feedId, now()], db);
    return token;
  }

  async issueToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string> {
    this.tokens.clear();
    return this.insertToken(kind, personId, feedId);
  }

  rotateToken(kind: TokenKind, personId: string | null, feedId: string | null): Promise<string> {
    this.tokens.clear();
    return this.tx(async (c) => {
      await c.query('UPDATE tokens SET revoked_at = $1 WHERE kind = $2 AND person_id IS NOT DISTINCT FROM $3 AND feed_id IS NOT DISTINCT FROM $4 AND revoked_at IS NULL', [now(), kind, personId, feedId]);
      const token = await this.insertToken(kind, personId, feedId, c);
      this.tokens.clear();
      return token;
    });
  }

  peekToken(token: string, kind: TokenKind) {
    return this.tokens.peek(token, kind);
  }

  findToken(token: string, kind: TokenKind) {
    return this.tokens.find(token, kind, async (h) => (await this.one('SELECT * FROM tokens WHERE hash = $1 AND kind = $2 AND revoked_at IS NULL', [h, kind])) as { hash: string; person_id: string | null; feed_id: string | null } | undefined);
  }

  async getDocument(name: string): Promise<unknown> {
    const r = await this.one('SELECT json FROM documents WHERE name = $1', [name]);
    return r ? JSON.parse(String(r.json)) : null;
  }

  async putDocument(name: string, value: unknown): Promise<void> {
    await this.rows('INSERT INTO documents (name, json, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at', [name, JSON.stringify(value), now()]);
  }

  async createBinomeSet(id: string, basedOn: string | null, proposal: unknown): Promise<BinomeSetRow> {
    await this.rows(`INSERT INTO binome_sets (id, created_at, status, based_on, proposal) VALUES ($1, $2, 'proposee', $3, $4)`, [id, now(), basedOn, JSON.stringify(proposal)]);
    return (await this.getBinomeSet(id))!;
  }

  async getBinomeSet(id: string): Promise<BinomeSetRow | null> {
    const r = await this.one('SELECT * FROM binome_sets WHERE id = $1', [id]);
    return r ? toBinomeSet(r) : null;
  }

  async listBinomeSets(): Promise<BinomeSetRow[]> {
    return (await this.rows('SELECT * FROM binome_sets ORDER BY created_at, id')).map(toBinomeSet);
  }

  confirmBinomeSet(id: string, by: string): Promise<BinomeSetRow> {
    return this.tx(async (c) => {
      // One confirmation at a time: the lock makes a second one see the first.
      await c.query('LOCK TABLE binome_sets IN SHARE ROW EXCLUSIVE MODE');
      const row = (await c.query('SELECT * FROM binome_sets WHERE id = $1', [id])).rows[0] as Row | undefined;
      const current = (await c.query(`SELECT * FROM binome_sets WHERE status = 'confirmee'`)).rows[0] as Row | undefined;
      confirmable(row ? toBinomeSet(row) : null, current ? toBinomeSet(current) : null);
      await c.query(`UPDATE binome_sets SET status = 'remplacee' WHERE status = 'confirmee'`);
      await c.query(`UPDATE binome_sets SET status = 'confirmee', confirmed_at = $1, confirmed_by = $2 WHERE id = $3`, [now(), by, id]);
      return toBinomeSet((await c.query('SELECT * FROM binome_sets WHERE id = $1', [id])).rows[0] as Row);
    });
  }

  async createStaffingRun(id: string, params: unknown): Promise<void> {
    await this.rows('INSERT INTO staffing_runs (id, created_at, params) VALUES ($1, $2, $3)', [id, now(), JSON.stringify(params)]);
  }

  async finishStaffingRun(id: string, result: unknown): Promise<void> {
    await this.rows('UPDATE staffing_runs SET result = $1 WHERE id = $2', [JSON.stringify(result), id]);
  }

  async getStaffingRun(id: string) {
    const r = await this.one('SELECT * FROM staffing_runs WHERE id = $1', [id]);
    return r ? toStaffingRun(r) : null;
  }

  async listStaffingRuns() {
    return (await this.rows('SELECT * FROM staffing_runs ORDER BY created_at, id')).map(toStaffingRun);
  }
}
