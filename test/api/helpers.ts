import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { RotaService } from '../../src/service/service.js';
import { openStore } from '../../src/storage/open.js';
import { buildServer } from '../../api/server.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The PostgreSQL server the suite also runs on (.ci/run starts one and sets TEST_DATABASE_URL). */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
/** SQLite always; PostgreSQL too when a server is given. */
export const storeKinds: StoreKind[] = testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty place for a store: a temporary folder, and on PostgreSQL a schema of its own. */
export function freshStorePlace(kind: StoreKind) {
  const dir = mkdtempSync(join(tmpdir(), 'apmn-api-'));
  const schema = kind === 'postgres' ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const opts = { dataDir: dir, databaseUrl: kind === 'postgres' ? testDatabaseUrl : undefined, schema };
  const drop = async () => {
    if (!schema) return;
    const c = new pg.Client({ connectionString: testDatabaseUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  };
  return { dir, schema, opts, drop };
}

/** A server on a fresh store, with API tokens for a manager and a staff member. */
export async function testServer(kind: StoreKind = 'sqlite') {
  const place = freshStorePlace(kind);
  const store = await openStore(place.opts);
  await store.putConfig(apmnConfigInput);
  const service = new RotaService(store, { backend: 'highs', windowSeconds: 30 });
  const app = await buildServer(service, { publicUrl: 'https://planning.example' });
  const tokens = { claire: await store.issueToken('api', 'claire', null), camille: await store.issueToken('api', 'camille', null) };
  const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });
  const close = async () => {
    await app.close();
    await store.close();
    await place.drop();
  };
  return { dir: place.dir, store, service, app, auth, close };
}
