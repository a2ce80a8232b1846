import { describe, expect, it } from 'vitest';
import { easterSunday, frenchHolidays, holidayName } from '../../src/domain/holidays.js';

// Published dates (service-public.fr calendars), Easter-based ones per year.
const EASTER_BASED: Record<number, [string, string, string]> = {
  2024: ['2024-04-01', '2024-05-09', '2024-05-20'],
  2025: ['2025-04-21', '2025-05-29', '2025-06-09'],
  2026: ['2026-04-06', '2026-05-14', '2026-05-25'],
  2027: ['2027-03-29', '2027-05-06', '2027-05-17'],
  2028: ['2028-04-17', '2028-05-25', '2028-06-05'],
  2029: ['2029-04-02', '2029-05-10', '2029-05-21'],
  2030: ['2030-04-22', '2030-05-30', '2030-06-10'],
};

describe('French public holidays', () => {
  for (const [year, [monday, ascension, pentecote]] of Object.entries(EASTER_BASED)) {
    it(`has the 11 holidays of ${year} with Easter Monday ${monday}`, () => {
      const h = frenchHolidays(Number(year));
      expect(h).toHaveLength(11);
      expect(h.map((x) => x.date)).toEqual(expect.arrayContaining([`${year}-01-01`, monday, `${year}-05-01`, `${year}-05-08`, ascension, pentecote, `${year}-07-14`, `${year}-08-15`, `${year}-11-01`, `${year}-11-11`, `${year}-12-25`]));
      expect(holidayName(monday)).toBe('Lundi de Pâques');
      expect(holidayName(ascension)).toBe('Ascension');
    });
  }
  it('computes Easter Sunday', () => {
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
  it('does not call an ordinary day a holiday', () => {
    expect(holidayName('2027-03-30')).toBeUndefined();
  });
});
