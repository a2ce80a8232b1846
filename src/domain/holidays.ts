import { addDays, type IsoDate } from './time.js';

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

/** The 11 French public holidays of metropolitan France (C.trav. L3133-1). */
export function frenchHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (md: string, name: string): PublicHoliday => ({ date: `${year}-${md}`, name });
  return [
    fixed('01-01', "Jour de l'an"),
    { date: addDays(easter, 1), name: 'Lundi de Pâques' },
    fixed('05-01', 'Fête du Travail'),
    fixed('05-08', 'Victoire 1945'),
    { date: addDays(easter, 39), name: 'Ascension' },
    { date: addDays(easter, 50), name: 'Lundi de Pentecôte' },
    fixed('07-14', 'Fête nationale'),
    fixed('08-15', 'Assomption'),
    fixed('11-01', 'Toussaint'),
    fixed('11-11', 'Armistice 1918'),
    fixed('12-25', 'Noël'),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

const cache = new Map<number, Map<IsoDate, string>>();

export function holidayName(date: IsoDate): string | undefined {
  const year = Number(date.slice(0, 4));
  let byDate = cache.get(year);
  if (!byDate) {
    byDate = new Map(frenchHolidays(year).map((h) => [h.date, h.name]));
    cache.set(year, byDate);
  }
  return byDate.get(date);
}
