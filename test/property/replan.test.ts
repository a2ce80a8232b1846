import { describe, expect, it } from 'vitest';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { parseConfig } from '../../src/domain/config.js';
import { eachDate } from '../../src/domain/time.js';
import { planPeriod } from '../../src/planning/plan.js';
import { replan } from '../../src/planning/replan.js';
import { highsBackend } from '../../solver/backends/highs.js';

describe('replanning after a sickness', () => {
  it('should keep the past, cover the absent worker and change few other days', async () => {
    // With a cost on doubled shifts, nobody else holds the absent worker's shifts: replacements are really needed.
    const weights = { permanenceSpread: 1 };
    const config = parseConfig({ ...apmnConfigInput, weights });
    const { rota } = await planPeriod({ config, from: '2027-01-01', to: '2027-01-31', backend: highsBackend });
    // Sick on the five weekdays of the week in which they hold the most permanence, so that replacements are needed.
    const week = eachDate('2027-01-11', '2027-01-15');
    const sick = config.people
      .filter((p) => p.onRota)
      .map((p) => ({ p, n: rota.assignments.filter((a) => a.personId === p.id && week.includes(a.date) && a.kind === 'permanence').length }))
      .sort((a, b) => b.n - a.n)[0].p;
    const withSickness = parseConfig({ ...apmnConfigInput, weights, absences: [...(apmnConfigInput.absences ?? []), { personId: sick.id, from: week[0], to: week[4], kind: 'maladie' }] });
    const r = await replan({ config: withSickness, published: rota, from: week[0], today: '2027-01-10', backend: highsBackend });

    expect(r.check.violations.filter((v) => v.severity === 'hard')).toEqual([]);
    const before = (a: { date: string }) => a.date < week[0];
    expect(r.rota.assignments.filter((a) => before(a) && a.kind !== 'conge')).toEqual(rota.assignments.filter((a) => before(a) && a.kind !== 'conge'));
    const forcedDays = new Set(rota.assignments.filter((a) => a.personId === sick.id && week.includes(a.date) && a.kind !== 'conge').map((a) => a.date));
    const own = r.changes.filter((c) => c.personId === sick.id);
    expect(own.map((c) => c.date).sort()).toEqual([...forcedDays].sort());
    expect(own.every((c) => c.after === null)).toBe(true);
    // Bound: each of the absent worker's days can be taken over by one colleague whose own day changes, and that
    // colleague's displaced day (rest rule, weekly rest) may move once more: at most 2 other changes per forced day.
    const others = r.changes.filter((c) => c.personId !== sick.id);
    expect(others.length).toBeLessThanOrEqual(2 * forcedDays.size);
    // Not vacuous: the absent worker's permanences were not all doubled already, so colleagues did take some over.
    expect(others.length).toBeGreaterThan(0);
    expect(r.changes.filter((c) => c.date < '2027-01-17').every((c) => c.shortNotice)).toBe(true);
    expect(r.rota.gaps.filter((g) => g.kind === 'permanence')).toEqual([]);
  });
});
