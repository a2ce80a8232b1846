import { join } from 'node:path';
import { PgStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** PostgreSQL when a URL is given (a shared deployment), else the embedded SQLite file under the data folder. */
export async function openStore(opts: { databaseUrl?: string; schema?: string; dataDir: string }): Promise<Store> {
  if (opts.databaseUrl) return PgStore.open(opts.databaseUrl, opts.schema);
  return new SqliteStore(join(opts.dataDir, 'apmn.sqlite'));
}
