import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/domain/config.js';
import { addDays, formatTime, parseIsoInstant } from '../../src/domain/time.js';
import { planPeriod } from '../../src/planning/plan.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { smallConfig } from '../helpers/small-config.js';

const seed = Number(process.env.FC_SEED ?? 777);
type MeetingInput = NonNullable<ConfigInput['meetings']>[number];

/** 1–3 random meetings: any weekday, weekly or first of the month, 1–3 h from 08:00–16:00, random members and site. */
const meetingsArb = fc.array(
  fc
    .record({
      weekday: fc.integer({ min: 1, max: 6 }),
      monthly: fc.boolean(),
      startHalfHours: fc.integer({ min: 16, max: 32 }),
      lengthHalfHours: fc.integer({ min: 2, max: 6 }),
      site: fc.constantFrom('reunions' as const, 'hebergement' as const),
      teams: fc.subarray(['nord', 'sud'] as const, { minLength: 1 }),
      withZ: fc.boolean(),
    })
    .map(
      (m, ): Omit<MeetingInput, 'id'> => ({
        label: `Réunion ${m.weekday}`,
        weekday: m.weekday,
        recurrence: m.monthly ? 'first-of-month' : 'weekly',
        start: formatTime(m.startHalfHours * 30),
        end: formatTime((m.startHalfHours + m.lengthHalfHours) * 30),
        site: m.site,
        members: [{ teams: [...m.teams], onRota: true }, ...(m.withZ ? [{ personIds: ['z'] }] : [])],
      }),
    ),
  { minLength: 1, maxLength: 3 },
);

describe('meetings inside the permanence rota', () => {
  it('should never put a worker in a meeting and on permanence at once, travel included, and report every member', async () => {
    let sameDay = 0;
    await fc.assert(
      fc.asyncProperty(meetingsArb, fc.nat({ max: 200 }), fc.integer({ min: 3, max: 14 }), async (meetings, offset, days) => {
        const config = smallConfig({ meetings: meetings.map((m, i) => ({ ...m, id: `m${i}` })) });
        const from = addDays('2027-01-04', offset);
        const { rota, check } = await planPeriod({ config, from, to: addDays(from, days - 1), backend: highsBackend, windowSeconds: 20 });
        expect(check.violations.filter((v) => v.severity === 'hard')).toEqual([]);
        const travel = config.rules.travelMinutes;
        for (const m of rota.assignments.filter((a) => a.kind === 'reunion'))
          for (const p of rota.assignments.filter((a) => a.kind === 'permanence' && a.personId === m.personId && a.date === m.date)) {
            sameDay++;
            const pad = m.site === p.site ? 0 : travel;
            const apart = parseIsoInstant(m.end) + pad <= parseIsoInstant(p.start) || parseIsoInstant(p.end) + pad <= parseIsoInstant(m.start);
            expect(apart, `${m.personId} ${m.date}: ${m.label} and ${p.label}`).toBe(true);
          }
        for (const report of rota.meetings) {
          for (const id of report.present)
            expect(rota.assignments.some((a) => a.personId === id && a.date === report.date && a.kind === 'reunion' && a.meetingId === report.meetingId)).toBe(true);
          for (const a of report.absent) expect(a.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 10, seed },
    );
    // The runs do put people on permanence and in a meeting on the same day: the property is tested, not vacuous.
    expect(sameDay).toBeGreaterThan(0);
  });
});
