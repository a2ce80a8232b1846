import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apmnConfig } from '../../fixtures/apmn.js';
import { dayOptions } from '../../src/domain/day-options.js';
import { optionAssignments } from '../../src/domain/day-options.js';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const run = (args: string[]) => spawnSync(tsx, ['src/cli/check.ts', ...args], { encoding: 'utf8' });

describe('npm run check', () => {
  it('reports a 22:30 evening followed by an 08:00 morning with the rest rule, the person and the date', () => {
    const config = apmnConfig();
    const camille = config.people.find((p) => p.id === 'camille')!;
    const evening = dayOptions(camille, '2027-01-04', config).find((o) => o.id === 'perm-soir')!;
    const morning = dayOptions(camille, '2027-01-05', config).find((o) => o.id === 'perm-mardi-matin')!;
    const rota = {
      from: '2027-01-04',
      to: '2027-01-05',
      people: config.people.map((p) => ({ id: p.id, name: p.name, role: p.role, team: p.team, fte: p.fte })),
      assignments: [...optionAssignments(evening, config), ...optionAssignments(morning, config)],
    };
    const dir = mkdtempSync(join(tmpdir(), 'rota-'));
    const file = join(dir, 'rota.json');
    writeFileSync(file, JSON.stringify(rota));
    const r = run([file, '--fixture', 'apmn']);
    expect(r.status).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('2027-01-05') && l.includes('Camille Dubois') && l.includes('de repos'));
    expect(line).toBeDefined();
    expect(line).toContain('9 h 30 de repos entre le 2027-01-04 et le 2027-01-05, minimum 11 h');
    expect(r.stdout).toContain('repos-quotidien');
  });

  it('exits 2 with the field named when the rota file is malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rota-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ from: '2027-13-01', to: '2027-01-02', people: [], assignments: [] }));
    const r = run([file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('from: must be a date YYYY-MM-DD');
  });

  it('exits 2 on a file that is not JSON, and on a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rota-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(run([file]).stderr).toMatch(/is not valid JSON/);
    const missing = run([join(dir, 'none.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read rota file .*ENOENT/);
  });

  it('prints its usage', () => {
    expect(execFileSync(tsx, ['src/cli/check.ts', '--help'], { encoding: 'utf8' })).toMatch(/usage: npm run check/);
  });
});
