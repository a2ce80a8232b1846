import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { buildServer } from '../../api/server.js';
import { RotaService } from '../../src/service/service.js';
import { PgStore } from '../../src/storage/postgres.js';
import { freshStorePlace, testDatabaseUrl } from './helpers.js';

/** A TCP relay between the service and PostgreSQL that the test can cut and restore, like a lost network link. */
class Link {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
    this.server = null;
  }
}

describe.skipIf(!testDatabaseUrl)('losing the PostgreSQL connection', () => {
  const place = freshStorePlace('postgres');
  const url = new URL(testDatabaseUrl ?? 'postgres://x@127.0.0.1:5432/x');
  const link = new Link({ host: url.hostname, port: Number(url.port || 5432) });
  let app: Awaited<ReturnType<typeof buildServer>>;
  let store: PgStore;
  let headers: Record<string, string>;

  beforeAll(async () => {
    await link.up();
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(link.port);
    store = await PgStore.open(through.toString(), place.schema);
    await store.putConfig(apmnConfigInput);
    headers = { authorization: `Bearer ${await store.issueToken('api', 'claire', null)}` };
    app = await buildServer(new RotaService(store, { backend: 'highs', windowSeconds: 30 }));
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await link.down();
    await place.drop();
  });

  it('answers 503 with Retry-After while the database is unreachable, writes nothing, and recovers when it returns', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/plannings', headers })).statusCode).toBe(200);

    await link.down();
    for (const req of [
      { method: 'GET' as const, url: '/health' },
      { method: 'GET' as const, url: '/api/plannings', headers },
      { method: 'POST' as const, url: '/api/plannings', headers, payload: { from: '2027-01-04', to: '2027-01-10' } },
    ]) {
      const r = await app.inject(req);
      expect(r.statusCode, `${req.method} ${req.url}`).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json().error).toContain('indisponible');
    }

    await link.up();
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok', store: 'postgres' });
    const list = await app.inject({ method: 'GET', url: '/api/plannings', headers });
    expect(list.statusCode).toBe(200);
    // The refused generate left no half-made planning behind.
    expect(list.json()).toEqual([]);
  });
});
