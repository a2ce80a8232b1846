import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { RotaService } from '../../src/service/service.js';
import { Store } from '../../src/storage/store.js';
import { buildServer } from '../../api/server.js';

/** A server on a fresh store in a temporary folder, with API tokens for a manager and a staff member. */
export async function testServer() {
  const dir = mkdtempSync(join(tmpdir(), 'apmn-api-'));
  const store = new Store(join(dir, 'apmn.sqlite'));
  store.putConfig(apmnConfigInput);
  const service = new RotaService(store, { backend: 'highs', windowSeconds: 30 });
  const app = await buildServer(service, { publicUrl: 'https://planning.example' });
  const tokens = { claire: store.issueToken('api', 'claire', null), camille: store.issueToken('api', 'camille', null) };
  const auth = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` });
  return { dir, store, service, app, auth };
}
