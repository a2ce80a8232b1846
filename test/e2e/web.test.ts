import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { apmnMesures } from '../../fixtures/mesures.js';
import { buildServer } from '../../api/server.js';
import { RotaService } from '../../src/service/service.js';
import { SqliteStore } from '../../src/storage/sqlite.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser: Browser;
let base = '';
let store: SqliteStore;
let close: () => Promise<void>;

beforeAll(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'apmn-e2e-')), 'apmn.sqlite'));
  await store.putConfig(apmnConfigInput);
  await store.putDocument('mesures', apmnMesures);
  const app = await buildServer(new RotaService(store, { backend: 'highs', windowSeconds: 30 }), { publicUrl: 'http://127.0.0.1:0' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  close = async () => {
    await browser.close();
    await app.close();
    await store.close();
  };
});
afterAll(async () => close?.());

async function signedInPage(token: string, path: string) {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(`${base}${path}`);
  await page.evaluate(`localStorage.setItem('apmnToken', ${JSON.stringify(token)})`);
  await page.goto(`${base}${path}`);
  return page;
}

describe('the cheffe’s month view in a real browser', () => {
  it('generates January 2027, warns on an 11 h rest edit, publishes, and serves the edit in the staff feed', async () => {
    const page = await signedInPage(await store.issueToken('api', 'claire', null), '/');
    await page.waitForSelector('#grid p');
    await page.click('#generate');
    await page.waitForSelector('td.cell', { timeout: 120_000 });
    // 15 planned people of the APMN × 31 days.
    expect(await page.locator('td.cell').count()).toBe(15 * 31);
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/month-view.png', fullPage: true });
    // The wall copy: the print stylesheet keeps the month grid on one landscape A4 page.
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, path: 'test-output/month-view.pdf' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

    for (const [date, templateId] of [['2027-01-06', 'perm-matin'], ['2027-01-05', 'perm-mardi-soir']]) {
      await page.click(`td.cell[data-person="camille"][data-date="${date}"]`);
      await page.waitForSelector(`#editor-choice option[value="${templateId}"]`, { state: 'attached' });
      await page.evaluate(`document.getElementById('editor-result').textContent = ''`);
      await page.selectOption('#editor-choice', templateId);
      await page.click('#editor-save');
      await page.waitForSelector('#editor-result div');
      await page.waitForSelector(`td.cell.edited[data-person="camille"][data-date="${date}"]`);
    }
    const warning = await page.textContent('#editor-result');
    expect(warning).toContain('repos-quotidien');
    expect(warning).toContain('2027-01-06');
    expect(await page.locator('td.cell.edited[data-person="camille"][data-date="2027-01-05"]').count()).toBe(1);

    await page.click('#publish');
    await page.waitForFunction(`document.getElementById('status').textContent.includes('Publié')`);

    const staff = await signedInPage(await store.issueToken('api', 'camille', null), '/moi');
    await staff.waitForSelector('#days tr:nth-child(2)');
    expect(await staff.textContent('#days')).toContain('Permanence mardi soir 16:15–22:30');
    await staff.click('#subscribe');
    const https = await staff.getAttribute('#https', 'href');
    expect(await staff.getAttribute('#webcal', 'href')).toMatch(/^webcal:/);
    const feed = await (await fetch(https!.replace('http://127.0.0.1:0', base))).text();
    expect(feed).toContain('DTSTART;TZID=Europe/Paris:20270105T161500');
  });
});

describe('the staffing and binômes panels', () => {
  it('shows saved what-ifs side by side, and proposes then confirms the binômes', async () => {
    const token = await store.issueToken('api', 'claire', null);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // A short what-if through the API (a year takes minutes), then the page shows it.
    const run = (await (await fetch(`${base}/api/staffing`, { method: 'POST', headers, body: JSON.stringify({ from: '2027-08-02', to: '2027-08-15', scenarios: [{ kind: 'current' }, { kind: 'add', fte: 0.5 }] }) })).json()) as { jobId: string };
    for (let i = 0; i < 600; i++) {
      const job = (await (await fetch(`${base}/api/jobs/${run.jobId}`, { headers })).json()) as { status: string };
      if (job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const page = await signedInPage(token, '/');
    await page.waitForSelector('#staffing-table');
    const table = await page.textContent('#staffing-table');
    expect(table).toContain('effectif minimum');
    expect(table).toContain('équipe actuelle');
    expect(table).toContain('+0,5 ETP');

    await page.fill('#binomes-on', '2027-01-04');
    await page.click('#binomes-propose');
    await page.waitForSelector('#binomes-confirm', { timeout: 60_000 });
    expect(await page.textContent('#binomes-result')).toContain('70 mesures actives sur 73');
    expect(await page.locator('#caseload tbody tr').count()).toBe(9);
    await page.click('#binomes-confirm');
    await page.waitForFunction(`document.getElementById('binomes-result').textContent.includes('Binômes confirmés')`);
    await page.screenshot({ path: 'test-output/staffing-panels.png', fullPage: true });
  }, 300_000);
});
