import type { Config } from '../../src/domain/config.js';
import { dayOptions, type DayOption } from '../../src/domain/day-options.js';
import type { AstreinteTurn, Rota } from '../../src/domain/rota.js';
import { addDays, instantAt, isoInstant, weekday } from '../../src/domain/time.js';
import { assembleRota } from '../../src/planning/assemble.js';

/** Builds a rota from a table date → person → template id, through the same day options the solver uses. */
export function rotaFromTable(config: Config, from: string, to: string, table: Record<string, Record<string, string>>, astreinte?: AstreinteTurn[]): Rota {
  const chosen: DayOption[] = [];
  for (const [date, row] of Object.entries(table))
    for (const [personId, templateId] of Object.entries(row)) {
      const person = config.people.find((p) => p.id === personId)!;
      const option = dayOptions(person, date, config).find((o) => o.id === templateId);
      if (!option) throw new Error(`no option ${templateId} for ${personId} on ${date}`);
      chosen.push(option);
    }
  return assembleRota({ config, from, to, chosen, astreinte: astreinte ?? weeklyAstreinte(config, from, to), gaps: [] });
}

/** Cadres in turn, one week each, Monday 09:00 to Monday 09:00. */
export function weeklyAstreinte(config: Config, from: string, to: string): AstreinteTurn[] {
  const cadres = config.people.filter((p) => p.astreinte);
  let monday = addDays(from, -((weekday(from) + 6) % 7) - 7);
  const out: AstreinteTurn[] = [];
  for (let i = 0; monday <= to; i++, monday = addDays(monday, 7))
    out.push({ cadreId: cadres[i % cadres.length].id, start: isoInstant(instantAt(monday, 540)), end: isoInstant(instantAt(addDays(monday, 7), 540)) });
  return out;
}

/**
 * A valid week for the small config (Monday first): Alice and Bruno early in the week, Carla and Denis mid-week and
 * Saturday; the Sunday rotates between the four so that nobody works more than 2 Sundays in 4.
 */
export function validWeeks(config: Config, monday: string, weeks: number): Rota {
  const table: Record<string, Record<string, string>> = {};
  const sundays = ['a', 'b', 'c', 'd'];
  for (let w = 0; w < weeks; w++) {
    const m = addDays(monday, 7 * w);
    const day = (i: number) => addDays(m, i);
    table[day(0)] = { a: 'matin', b: 'soir' };
    table[day(1)] = { a: 'matin', b: 'soir' };
    table[day(2)] = { c: 'matin', d: 'soir' };
    table[day(3)] = { c: 'matin', d: 'soir' };
    table[day(4)] = { a: 'matin', b: 'soir' };
    table[day(5)] = { c: 'we', d: 'doublure' };
    table[day(6)] = { [sundays[w % 4]]: 'we' };
  }
  return rotaFromTable(config, monday, addDays(monday, 7 * weeks - 1), table);
}
