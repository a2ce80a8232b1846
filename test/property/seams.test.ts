import { describe, expect, it } from 'vitest';
import { apmnConfig } from '../../fixtures/apmn.js';
import { planPeriod } from '../../src/planning/plan.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { ABSENCE_LABELS } from '../../src/planning/assemble.js';
import { holidayName } from '../../src/domain/holidays.js';
import { eachDate, weekday } from '../../src/domain/time.js';

/**
 * The year is solved month by month. Two seam bugs were found by the checker on the 2027 plan: a weekly-rest pair
 * Sunday–Monday across two months, and a 12-week window ending in a month where the person is on leave (Marc,
 * 2–22 August). May to August holds both kinds of seam and the summer shortage.
 */
describe('the month-by-month decomposition', () => {
  it('should keep every hard rule across the month seams of May–August 2027', async () => {
    const config = apmnConfig();
    const { check, rota } = await planPeriod({ config, from: '2027-05-01', to: '2027-08-31', backend: highsBackend, windowSeconds: 60 });
    expect(check.violations.filter((v) => v.severity === 'hard')).toEqual([]);
    // The planted August squeeze shows up as reported gaps, each with a reason for every rota worker.
    const gaps = rota.gaps.filter((g) => g.kind === 'permanence');
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(g.reasons).toHaveLength(config.people.filter((p) => p.onRota).length);
    // Every Tuesday that is not a holiday holds the Sud meeting and the Nord one, or the service meeting replacing it.
    for (const date of eachDate(rota.from, rota.to).filter((d) => weekday(d) === 2 && !holidayName(d))) {
      const held = rota.meetings.filter((m) => m.date === date).map((m) => m.meetingId);
      expect(held, date).toContain('sud');
      expect(held.includes('nord') || held.includes('service'), date).toBe(true);
    }
    // A meeting nobody attends is one whose members are all on leave (the collectif in August), never for the rota.
    const leaveLabels = new Set(Object.values(ABSENCE_LABELS));
    for (const m of rota.meetings.filter((x) => x.present.length === 0)) expect(m.absent.every((a) => leaveLabels.has(a.reason)), `${m.date} ${m.label}`).toBe(true);
  });
});
