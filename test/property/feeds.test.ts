import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { allFeeds } from '../../src/calendar/feed-set.js';
import { dayOptions, type DayOption } from '../../src/domain/day-options.js';
import { addDays, eachDate } from '../../src/domain/time.js';
import { assembleRota } from '../../src/planning/assemble.js';
import { weeklyAstreinte } from '../helpers/hand-rota.js';
import { smallConfig } from '../helpers/small-config.js';

const seed = Number(process.env.FC_SEED ?? 5545);

describe('personal feeds', () => {
  it('should hold exactly the person’s assignments, same count and same instants, for random plans', () => {
    fc.assert(
      fc.property(fc.nat({ max: 330 }), fc.integer({ min: 1, max: 28 }), fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), fc.array(fc.record({ who: fc.nat({ max: 4 }), start: fc.nat({ max: 27 }), len: fc.integer({ min: 1, max: 7 }) }), { maxLength: 3 }), (offset, days, picks, leave) => {
        const from = addDays('2027-01-01', offset);
        const to = addDays(from, days - 1);
        const ids = ['a', 'b', 'c', 'd', 'z'];
        const config = smallConfig({ absences: leave.map((l) => ({ personId: ids[l.who], from: addDays(from, l.start), to: addDays(from, l.start + l.len - 1), kind: 'conges_payes' as const })) });
        // Any choice per person-day (rest included), whatever the rules: the feed must mirror the plan, not judge it.
        const chosen: DayOption[] = [];
        let k = 0;
        for (const date of eachDate(from, to))
          for (const p of config.people.filter((x) => x.planned)) {
            const opts = dayOptions(p, date, config);
            const pick = picks[k++ % picks.length] % (opts.length + 1);
            if (pick < opts.length && !config.absences.some((a) => a.personId === p.id && a.from <= date && date <= a.to)) chosen.push(opts[pick]);
          }
        const rota = assembleRota({ config, from, to, chosen, astreinte: weeklyAstreinte(config, from, to), gaps: [] });
        const feeds = new Map(allFeeds(config, rota, '2027-01-01T00:00:00Z').map((f) => [f.id, f.body]));
        for (const p of config.people) {
          const comp = new ICAL.Component(ICAL.parse(feeds.get(p.id)!));
          for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
          const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
          const mine = rota.assignments.filter((a) => a.personId === p.id);
          const turns = rota.astreinte.filter((t) => t.cadreId === p.id);
          expect(events.length).toBe(mine.length + turns.length);
          const ms = (s: string) => new Date(s).getTime();
          const got = events.filter((e) => !e.startDate.isDate).map((e) => `${e.startDate.toJSDate().getTime()}-${e.endDate.toJSDate().getTime()}`).sort();
          const want = [...mine.filter((a) => a.kind !== 'conge'), ...turns].map((a) => `${ms(a.start)}-${ms(a.end)}`).sort();
          expect(got).toEqual(want);
          const allDay = events.filter((e) => e.startDate.isDate).map((e) => e.startDate.toString()).sort();
          expect(allDay).toEqual(mine.filter((a) => a.kind === 'conge').map((a) => a.date).sort());
        }
      }),
      { numRuns: 40, seed },
    );
  });
});
