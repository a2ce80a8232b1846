import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open.js';
import { SqliteStore } from '../../src/storage/sqlite.js';
import type { Store } from '../../src/storage/store.js';
import { freshStorePlace, storeKinds } from './helpers.js';

let child: ChildProcess | null = null;

async function start(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  // node itself, not the tsx wrapper: a SIGKILL must reach the process that holds the database.
  const p = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ...env }, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return p;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

/** The store a killed server left behind is consistent: SQLite's own check (PostgreSQL guarantees it itself). */
function expectIntact(store: Store): void {
  if (store instanceof SqliteStore) expect((store.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
}

describe.each(storeKinds)('on the %s store', (kind) => {
  const place = () => {
    const p = freshStorePlace(kind);
    const env: Record<string, string> = p.opts.databaseUrl ? { DATABASE_URL: p.opts.databaseUrl, DATABASE_SCHEMA: p.schema! } : { DATABASE_URL: '' };
    return { ...p, env };
  };

describe('a kill -9 in the middle of a publish', () => {
  it('should leave the previous published version intact after a restart', async () => {
    const where = place();
    const dir = where.dir;
    const port = 3900 + Math.floor(Math.random() * 90);
    child = await start(dir, port, { ...where.env, APMN_TEST_PUBLISH_PAUSE_MS: '3000', WINDOW_SECONDS: '30' });
    const token = readFileSync(join(dir, 'manager-tokens.txt'), 'utf8').split('\n')[0].split('\t')[1];
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
    const gen = await call('POST', '/api/plannings', { from: '2027-01-04', to: '2027-01-10' });
    expect(gen.status).toBe(202);
    const id = String(gen.json.planningId);
    for (let i = 0; i < 600 && (await call('GET', `/api/jobs/${gen.json.jobId}`)).json.status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    // Version 1 published (the pause only delays it), then an edit makes version 2.
    expect((await call('POST', `/api/plannings/${id}/publish`, { baseVersion: 1 })).status).toBe(200);
    const v1 = (await call('GET', `/api/plannings/${id}`)).json.rota as { assignments: { personId: string; date: string; templateId?: string }[] };
    const camille6 = v1.assignments.find((a) => a.personId === 'camille' && a.date === '2027-01-06')?.templateId;
    const edit = await call('PUT', `/api/plannings/${id}/day`, { baseVersion: 1, personId: 'camille', date: '2027-01-06', templateId: camille6 === 'perm-soir' ? 'perm-matin' : 'perm-soir' });
    expect(edit.status).toBe(200);
    const v2 = (await call('GET', `/api/plannings/${id}`)).json.rota;
    expect(v2).not.toEqual(v1);
    // Publish version 2 and kill the server while that publish holds its transaction open.
    void fetch(`${base}/api/plannings/${id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ baseVersion: 2 }) }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    const store = await openStore(where.opts);
    try {
      expectIntact(store);
      expect((await store.publishedVersions(id)).map((v) => v.version)).toEqual([1]);
      const p = (await store.getPlanning(id))!;
      expect(p.publishedVersion).toBe(1);
      expect(p.version).toBe(2);
      expect((await store.getPublished(id))!.rota).toEqual(v1);
    } finally {
      await store.close();
    }
    // The restarted server serves the intact version and can publish again.
    child = await start(dir, port, where.env);
    expect((await call('POST', `/api/plannings/${id}/publish`, { baseVersion: 2 })).status).toBe(200);
    child.kill('SIGKILL');
    await where.drop();
  });
});

describe('a kill -9 during a generate', () => {
  it('should mark the running job failed with its reason after a restart, and keep the store usable', async () => {
    const where = place();
    const dir = where.dir;
    const port = 3900 + Math.floor(Math.random() * 90);
    child = await start(dir, port, where.env);
    const token = readFileSync(join(dir, 'manager-tokens.txt'), 'utf8').split('\n')[0].split('\t')[1];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const gen = (await (await fetch(`http://127.0.0.1:${port}/api/plannings`, { method: 'POST', headers, body: JSON.stringify({ from: '2027-01-01', to: '2027-03-31' }) })).json()) as { jobId: string; planningId: string };
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    child = await start(dir, port, where.env);
    const job = (await (await fetch(`http://127.0.0.1:${port}/api/jobs/${gen.jobId}`, { headers })).json()) as { status: string; error: string };
    expect(job.status).toBe('failed');
    expect(job.error).toContain('redémarrage');
    child.kill('SIGKILL');
    const store = await openStore(where.opts);
    try {
      expectIntact(store);
      expect((await store.getPlanning(gen.planningId))!.rota).toBeNull();
    } finally {
      await store.close();
      await where.drop();
    }
  });
});
});
