import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * npm run loadtest [-- --month] : starts the server on loopback with the fixture year (or January with --month)
 * generated and published, then drives it from this second process with autocannon: 200 concurrent clients on the
 * personal feeds for 30 s, then on the month-view reads. Prints requests/s, p50/p99 latency and errors.
 */
const quick = process.argv.includes('--month');
const seconds = Number(process.env.LOADTEST_SECONDS ?? 30);
const connections = Number(process.env.LOADTEST_CONNECTIONS ?? 200);
// LOADTEST_DATA reuses a data folder whose planning is already published (skips the solve).
const reuse = process.env.LOADTEST_DATA || undefined; // empty counts as unset
const dir = reuse ?? mkdtempSync(join(tmpdir(), 'apmn-load-'));
const port = 3700 + Math.floor(Math.random() * 200);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'api/main.ts'], { env: { ...process.env, DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function until(ok: () => Promise<boolean>, what: string, ms: number) {
  const t0 = Date.now();
  while (!(await ok().catch(() => false))) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

await until(async () => (await fetch(`${base}/health`)).ok, 'the server', 30_000);
const token = readFileSync(join(dir, 'manager-tokens.txt'), 'utf8').split('\n')[0].split('\t')[1];
const headers = { authorization: `Bearer ${token}` };
const call = async (method: string, path: string, body?: unknown) =>
  (await fetch(base + path, { method, headers: body ? { ...headers, 'content-type': 'application/json' } : headers, body: body ? JSON.stringify(body) : undefined })).json() as Promise<Record<string, unknown>>;
const [from, to] = quick ? ['2027-01-01', '2027-01-31'] : ['2027-01-01', '2027-12-31'];
let gen: Record<string, unknown>;
const existing = reuse ? ((await call('GET', '/api/plannings')) as unknown as { id: string; from: string; to: string; publishedVersion: number | null }[]).find((p) => p.from === from && p.to === to && p.publishedVersion) : undefined;
if (existing) {
  gen = { planningId: existing.id };
  console.log(`reusing the published planning ${from} → ${to} of ${dir}`);
} else {
  console.log(`generating ${from} → ${to}…`);
  const t0 = Date.now();
  gen = await call('POST', '/api/plannings', { from, to });
  await until(async () => (await call('GET', `/api/jobs/${gen.jobId}`)).status !== 'running', 'the solve', 900_000);
  const published = await call('POST', `/api/plannings/${gen.planningId}/publish`, { baseVersion: 1 });
  console.log(`generated and published in ${((Date.now() - t0) / 1000).toFixed(0)} s (version ${published.version}); data in ${dir}`);
}
const people = (await fetch(`${base}/api/people`, { headers }).then((r) => r.json())) as { id: string; role: string }[];
const feedPaths: string[] = [];
for (const p of people.filter((x) => x.role !== 'cadre')) feedPaths.push(new URL(String((await call('POST', `/api/people/${p.id}/feed-token`)).https)).pathname);

// The server renders the published feeds in the background once started; the measure starts when they are ready.
const tFeed = Date.now();
await fetch(base + feedPaths[0]).then((r) => r.arrayBuffer());
console.log(`first feed answered ${((Date.now() - tFeed) / 1000).toFixed(1)} s after the tokens were made`);

async function run(title: string, requests: { method: 'GET'; path: string; headers?: Record<string, string> }[]) {
  const r = await autocannon({ url: base, connections, duration: seconds, requests });
  console.log(`${title.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}  (${r.requests.total} requests)`);
}
console.log(`\n${connections} concurrent clients, ${seconds} s each, loopback, ${people.length} people`);
await run('personal feeds (GET /ical/…, gzip)', feedPaths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } })));
const months = Array.from({ length: quick ? 1 : 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);
await run('month view (GET /api/plannings/:id, gzip)', months.map((m) => ({ method: 'GET', path: `/api/plannings/${gen.planningId}?month=${m}`, headers: { authorization: headers.authorization, 'accept-encoding': 'gzip' } })));
stop();
process.exit(0);
