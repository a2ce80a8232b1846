import { describe, expect, it } from 'vitest';
import { apmnConfig, apmnConfigInput } from '../../fixtures/apmn.js';
import { parseConfig, type Config } from '../../src/domain/config.js';
import { runScenario, scenarioConfig, ScenarioError } from '../../src/staffing/scenarios.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { solveRota } from '../../solver/solve-rota.js';
import { minimumStaffing, shortfall, staffingConfig } from '../../solver/staffing.js';

/** What a team leaves open over the weeks, planned by the same model with everyone in it. */
async function shortfallOf(config: Config, from: string, to: string) {
  const plan = await solveRota({ config: staffingConfig(config), from, to }, { backend: highsBackend, windowSeconds: 30, windowDays: 28 });
  return shortfall(config, from, to, plan.chosen);
}
const without = (config: Config, ids: string[]): Config => ({ ...config, people: config.people.filter((p) => !ids.includes(p.id)), absences: config.absences.filter((a) => !ids.includes(a.personId)) });

describe('the minimum staffing of the permanence', () => {
  const config = apmnConfig();
  const pool = config.people.filter((p) => p.onRota).map((p) => p.id);
  // The three weeks of the summer peak (several workers on leave): where staffing binds.
  const from = '2027-08-02';
  const to = '2027-08-22';

  it('should find a staffing that holds the weeks, and prove no smaller one does', async () => {
    const r = await minimumStaffing({ config, from, to, pool, backend: highsBackend, windowSeconds: 30 });
    expect(r.kept.length + r.notNeeded.length).toBe(pool.length);
    expect(r.minFte).toBe(r.kept.reduce((s, k) => s + k.fte, 0));
    expect(r.lowerBound).toBeLessThanOrEqual(r.minFte);
    expect(r.notNeeded.length).toBeGreaterThan(0);
    // The claim holds: the kept workers alone leave no more open than the whole pool does.
    const whole = await shortfallOf(config, r.from, r.to);
    const kept = await shortfallOf(without(config, r.notNeeded), r.from, r.to);
    expect(kept).toEqual(whole);
    expect(kept).toEqual({ uncoveredMinutes: r.uncoveredMinutes, missingDoublures: r.missingDoublures });
    // The bound holds: the minimum is proven here, and one kept worker fewer leaves more open.
    expect(r.gap).toBe(0);
    const fewer = await shortfallOf(without(config, [...r.notNeeded, r.kept.at(-1)!.personId]), r.from, r.to);
    expect(fewer.uncoveredMinutes + 420 * fewer.missingDoublures).toBeGreaterThan(kept.uncoveredMinutes + 420 * kept.missingDoublures);
  }, 300_000);
});

describe('staffing scenarios', () => {
  // Time enough for each fortnight to be proven: evenings per FTE then count only the evenings the rota needs.
  const period = { from: '2027-01-04', to: '2027-01-17', backend: highsBackend, windowSeconds: 60 };

  it('should spread the evenings over more FTE with a worker added than with one removed', async () => {
    const minus = await runScenario(apmnConfigInput, { kind: 'remove', personId: 'hugo' }, period);
    const plus = await runScenario(apmnConfigInput, { kind: 'add', fte: 1, role: 'es' }, period);
    expect(plus.rotaFte - minus.rotaFte).toBe(2);
    expect(plus.rotaWorkers - minus.rotaWorkers).toBe(2);
    expect(minus.uncoveredHours).toBeGreaterThanOrEqual(plus.uncoveredHours);
    expect(minus.eveningsPerFte.mean).toBeGreaterThan(plus.eveningsPerFte.mean);
    // Weekends count once whether one or both days are worked, so their mean depends on how days pair up: not compared.
    expect(minus.hardViolations + plus.hardViolations).toBe(0);
    expect(minus.label).toContain('Hugo Leroy');
  }, 300_000);

  it('should refuse to remove someone who is not on the rota, naming the field', () => {
    expect(() => scenarioConfig(apmnConfigInput, { kind: 'remove', personId: 'claire' })).toThrow(ScenarioError);
    expect(() => scenarioConfig(apmnConfigInput, { kind: 'remove', personId: 'claire' })).toThrow(/personId/);
    // A removed worker's leave goes with them; the result is a valid configuration.
    const next = parseConfig(scenarioConfig(apmnConfigInput, { kind: 'remove', personId: 'camille' }));
    expect(next.absences.some((a) => a.personId === 'camille')).toBe(false);
  });
});
