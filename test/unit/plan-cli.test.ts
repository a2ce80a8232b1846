import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const plan = (args: string[]) => spawnSync(tsx, ['src/cli/plan.ts', ...args], { encoding: 'utf8' });

describe('npm run plan, bad options', () => {
  it.each([
    [['--strategy', 'greedy'], '--strategy: "greedy" is not lns, guided or direct'],
    [['--backend', 'cplex'], '--backend'],
    [['--window-seconds', '0'], '--window-seconds: must be a positive number'],
    [['--seconds', 'soon'], '--seconds: must be a positive number'],
    [['--from', '2027-02-30'], '--from: "2027-02-30" is not a date'],
    [['--from', '2027-03-01', '--to', '2027-02-01'], '--to: 2027-02-01 is before --from 2027-03-01'],
  ])('%j exits 2 naming the option, and writes nothing', (args, message) => {
    const out = join(mkdtempSync(join(tmpdir(), 'plan-')), 'out');
    const r = plan([...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
