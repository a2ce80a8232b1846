import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { apmnConfig } from '../../fixtures/apmn.js';
import { dayOptions } from '../../src/domain/day-options.js';
import { openingWindow, relayWindowsOn } from '../../src/domain/calendar.js';
import type { Rota } from '../../src/domain/rota.js';
import { eachDate, subtract, union } from '../../src/domain/time.js';
import { allFeeds } from '../../src/calendar/feed-set.js';
import { assignmentUid, etagOf, personEvents, renderFeed, reviseEvents } from '../../src/calendar/feeds.js';
import { assembleRota } from '../../src/planning/assemble.js';

const config = apmnConfig();
// A hand-built fortnight across the spring DST change: permanence by two rota workers in turn, morning and evening.
const FROM = '2027-03-22';
const TO = '2027-04-04';
function fortnight(): Rota {
  const chosen = [];
  const people = config.people.filter((p) => p.onRota);
  for (const [i, date] of eachDate(FROM, TO).entries()) {
    const worker = (k: number) => people[(2 * i + k) % people.length];
    const opts = (k: number) => dayOptions(worker(k), date, config).filter((o) => o.cover.length > 0);
    const first = opts(0)[0];
    chosen.push(first);
    const second = opts(1).find((o) => o.id !== first.id);
    if (second) chosen.push(second);
    const third = opts(2).find((o) => o.id !== first.id && o.id !== second?.id);
    if (third) chosen.push(third);
  }
  return assembleRota({ config, from: FROM, to: TO, chosen, astreinte: [], gaps: [] });
}

function parse(body: string) {
  const comp = new ICAL.Component(ICAL.parse(body));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCal feeds', () => {
  const rota = fortnight();
  const feeds = allFeeds(config, rota, '2027-03-01T00:00:00Z');
  const byId = new Map(feeds.map((f) => [f.id, f]));

  it('writes one feed per planned person and cadre, and the team, permanence, astreinte, meeting and service feeds', () => {
    for (const id of ['camille', 'claire', 'pierre', 'permanence', 'astreinte', 'reunions', 'nord', 'sud', 'service']) expect(byId.has(id), id).toBe(true);
  });

  it('has unique UIDs, stable across two generations, CRLF everywhere and lines of at most 75 octets', () => {
    const again = new Map(allFeeds(config, fortnight(), '2027-03-01T00:00:00Z').map((f) => [f.id, f.body]));
    for (const f of feeds) {
      expect(again.get(f.id)).toBe(f.body);
      const uids = parse(f.body).map((e) => e.uid);
      expect(new Set(uids).size).toBe(uids.length);
      expect(f.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      const lines = f.body.split('\r\n');
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
      expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(75);
      if (f.body.includes('TZID=')) expect(f.body).toContain('BEGIN:VTIMEZONE');
      expect(f.body).not.toContain('METHOD:');
    }
  });

  it('keeps an 08:00 morning shift at 08:00 Europe/Paris on both sides of the DST change', () => {
    const events = parse(byId.get('permanence')!.body).filter((e) => e.startDate.toJSDate() && e.summary.startsWith('Permanence matin'));
    const before = events.find((e) => e.startDate.toString().startsWith('2027-03-26'))!;
    const after = events.find((e) => e.startDate.toString().startsWith('2027-03-29') || e.startDate.toString().startsWith('2027-03-31'))!;
    for (const e of [before, after]) {
      expect(e.startDate.zone?.tzid).toBe('Europe/Paris');
      expect(e.startDate.hour).toBe(8);
    }
    expect(before.startDate.toJSDate().toISOString()).toBe('2027-03-26T07:00:00.000Z');
    expect(after.startDate.toJSDate().toISOString()).toMatch(/T06:00:00.000Z$/);
  });

  it('covers the opening hours of every day with the permanence feed, except the relays that appear as RELAIS-NUIT', () => {
    const events = parse(byId.get('permanence')!.body);
    const perm = events.filter((e) => e.component.getFirstPropertyValue('categories') === 'PERMANENCE');
    const relays = events.filter((e) => e.component.getFirstPropertyValue('categories') === 'RELAIS-NUIT');
    const minutes = (e: ICAL.Event, which: 'startDate' | 'endDate') => Math.round(e[which].toJSDate().getTime() / 60000);
    const covered = union([...perm, ...relays].map((e) => ({ start: minutes(e, 'startDate'), end: minutes(e, 'endDate') })));
    for (const date of eachDate(FROM, TO)) {
      const required = subtract([openingWindow(date, config)], relayWindowsOn(date, config).filter((r) => r.kind === 'reunion'));
      expect(subtract(required, covered), date).toEqual([]);
    }
    expect(relays.length).toBeGreaterThanOrEqual(eachDate(FROM, TO).length);
  });

  it('gives each personal feed exactly the person’s assignments', () => {
    for (const p of config.people.filter((x) => x.onRota)) {
      const events = parse(byId.get(p.id)!.body);
      const mine = rota.assignments.filter((a) => a.personId === p.id);
      expect(events.length).toBe(mine.length);
      const instants = (s: string) => new Date(s).getTime();
      const got = events.filter((e) => !e.startDate.isDate).map((e) => `${e.startDate.toJSDate().getTime()}-${e.endDate.toJSDate().getTime()}`).sort();
      const want = mine.filter((a) => a.kind !== 'conge').map((a) => `${instants(a.start)}-${instants(a.end)}`).sort();
      expect(got).toEqual(want);
    }
  });

  it('moves SEQUENCE, LAST-MODIFIED and the ETag of exactly the changed event when one shift changes', () => {
    const a = rota.assignments.find((x) => x.kind === 'permanence' && x.personId === 'camille')!;
    const t0 = '2027-03-01T00:00:00Z';
    const stored = reviseEvents(personEvents(config, rota, 'camille'), new Map(), t0);
    const edited = structuredClone(rota);
    const b = edited.assignments.find((x) => x.start === a.start && x.personId === 'camille')!;
    b.end = b.end.replace(/T(\d\d):/, (_, h) => `T${String(Number(h) - 1).padStart(2, '0')}:`);
    const revised = reviseEvents(personEvents(config, edited, 'camille'), stored, '2027-03-10T12:00:00Z');
    const before = renderFeed(personEvents(config, rota, 'camille'), config, { name: 'x', publishedAt: t0, revisions: stored });
    const after = renderFeed(personEvents(config, edited, 'camille'), config, { name: 'x', publishedAt: t0, revisions: revised });
    expect(etagOf(after)).not.toBe(etagOf(before));
    const changed = parse(after).filter((e) => Number(e.component.getFirstPropertyValue('sequence')) !== 0);
    expect(changed.map((e) => e.uid)).toEqual([assignmentUid(a)]);
    expect(Number(changed[0].component.getFirstPropertyValue('sequence'))).toBe(1);
    expect(String(changed[0].component.getFirstPropertyValue('last-modified'))).toMatch(/^2027-03-10T12:00:00/);
    // Regenerating the unchanged plan gives the same bytes.
    expect(renderFeed(personEvents(config, rota, 'camille'), config, { name: 'x', publishedAt: t0, revisions: stored })).toBe(before);
  });
});

