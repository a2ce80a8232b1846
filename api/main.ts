import { writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apmnConfigInput } from '../fixtures/apmn.js';
import { apmnMesures } from '../fixtures/mesures.js';
import { RotaService } from '../src/service/service.js';
import { openStore } from '../src/storage/open.js';
import { buildServer } from './server.js';

/**
 * Starts the service: the store (SQLite under DATA_DIR, ./data, or PostgreSQL at DATABASE_URL), created, migrated
 * and seeded with the apmn fixture on first start.
 */
const dataDir = process.env.DATA_DIR || './data'; // empty counts as unset
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
let store;
try {
  store = await openStore({ dataDir, databaseUrl: process.env.DATABASE_URL || undefined, schema: process.env.DATABASE_SCHEMA || undefined });
} catch (e) {
  console.error(`apmn: cannot open the store: ${(e as Error).message}`);
  process.exit(1);
}
const fresh = !(await store.getConfig());
if (fresh) {
  await store.putConfig(apmnConfigInput);
  await store.putDocument('mesures', apmnMesures);
  // One API token per manager, written once to a file only the owner can read.
  const lines = [];
  for (const p of apmnConfigInput.people.filter((p) => p.role === 'cheffe' || p.role === 'coordinatrice')) lines.push(`${p.id}\t${await store.issueToken('api', p.id, null)}`);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'manager-tokens.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  chmodSync(file, 0o600);
}
const service = new RotaService(store, { backend: process.env.SOLVER_BACKEND ?? 'highs', windowSeconds: Number(process.env.WINDOW_SECONDS ?? 30) });
const app = await buildServer(service, {
  publicUrl: process.env.PUBLIC_URL ?? `http://${host}:${port}`,
  logger: {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/\/ical\/[^/?]+/, '/ical/[redacted]') }),
    },
  },
});
await app.listen({ port, host });
// The feeds of what is already published, rendered in the background: after a restart, subscribers do not wait.
service.warmFeeds().catch((e: Error) => app.log.warn(`feeds not rendered at start: ${e.message}`));
if (fresh) app.log.info(`manager API tokens written to ${join(dataDir, 'manager-tokens.txt')}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
