/** Versioned schema: each entry runs once, in order, inside a transaction; applied versions are recorded. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE config (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE plannings (
        id TEXT PRIMARY KEY,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        version INTEGER NOT NULL,
        rota TEXT,
        report TEXT,
        published_version INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE published_versions (
        planning_id TEXT NOT NULL REFERENCES plannings(id),
        version INTEGER NOT NULL,
        rota TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (planning_id, version)
      );
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        planning_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
        progress TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('api', 'feed')),
        person_id TEXT,
        feed_id TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE feed_revisions (uid TEXT PRIMARY KEY, sequence INTEGER NOT NULL, last_modified TEXT NOT NULL, hash TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'staffing and binomes',
    sql: `
      CREATE TABLE documents (name TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE binome_sets (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('proposee', 'confirmee', 'remplacee')),
        based_on TEXT,
        proposal TEXT NOT NULL,
        confirmed_at TEXT,
        confirmed_by TEXT
      );
      CREATE TABLE staffing_runs (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        params TEXT NOT NULL,
        result TEXT
      );
    `,
  },
];
