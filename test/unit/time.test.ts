import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, instantAt, weekday } from '../../src/domain/time.js';

// The date arithmetic is hand-made for speed (plain UTC day numbers, remembered); luxon is the reference.
const isoDate = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('calendar-date arithmetic', () => {
  it('agrees with luxon on adding days, weekdays and day differences', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 800 }), (d, n) => {
        const ref = DateTime.fromISO(d, { zone: 'UTC' });
        expect(addDays(d, n)).toBe(ref.plus({ days: n }).toISODate());
        expect(weekday(d)).toBe(ref.weekday);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same instant when asked twice, across the DST changes of Paris', () => {
    // 2027-03-28 02:30 does not exist in Paris (clocks jump to 03:00); 2027-10-31 02:30 happens twice.
    for (const [d, m] of [['2027-03-28', 150], ['2027-10-31', 150], ['2027-03-27', 1440 + 180], ['2027-06-01', 480]] as const) {
      const ref = Math.round(DateTime.fromObject({ ...Object.fromEntries(['year', 'month', 'day'].map((k, i) => [k, Number(addDays(d, Math.floor(m / 1440)).split('-')[i])])), hour: Math.floor((m % 1440) / 60), minute: m % 60 }, { zone: 'Europe/Paris' }).toMillis() / 60000);
      expect(instantAt(d, m)).toBe(ref);
      expect(instantAt(d, m)).toBe(ref);
    }
    expect(instantAt('2027-03-28', 1440) - instantAt('2027-03-28', 0)).toBe(23 * 60);
    expect(instantAt('2027-10-31', 1440) - instantAt('2027-10-31', 0)).toBe(25 * 60);
  });
});

describe('a string that is not a date', () => {
  it('is named in the error, not turned into another date', () => {
    expect(() => addDays('', 1)).toThrow(/invalid date ""/);
    expect(() => weekday('2027-1x-01')).toThrow(/invalid date "2027-1x-01"/);
  });
});
