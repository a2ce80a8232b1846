import { describe, expect, it } from 'vitest';
import { validWeeks } from '../helpers/hand-rota.js';
import { smallConfig } from '../helpers/small-config.js';
import { relaysOf } from '../../src/planning/assemble.js';
import { nightWindow } from '../../src/domain/calendar.js';
import { isoInstant } from '../../src/domain/time.js';

describe('night relays', () => {
  const roster = [{ from: '2027-01-04', to: '2027-01-06', name: 'Yves' }];
  const config = smallConfig({ nightRelay: { holder: 'Veilleur CHRS', label: 'Relais de nuit', roster } });
  const rota = validWeeks(config, '2027-01-04', 1);
  const relays = relaysOf(config, rota.from, rota.to, rota.assignments).filter((r) => r.kind === 'nuit');

  it('runs every night from closing to the next opening', () => {
    expect(relays).toHaveLength(7);
    const monday = relays.find((r) => r.date === '2027-01-04')!;
    const w = nightWindow('2027-01-04', config);
    expect([monday.start, monday.end]).toEqual([isoInstant(w.start), isoInstant(w.end)]);
  });
  it('names the watchman from the CHRS roster when supplied, the service otherwise', () => {
    expect(relays.find((r) => r.date === '2027-01-05')!.holder).toBe('Veilleur CHRS – Yves');
    expect(relays.find((r) => r.date === '2027-01-07')!.holder).toBe('Veilleur CHRS');
  });
  it('names the evening worker who hands over and the morning worker who takes over', () => {
    // Monday: Bruno's evening until 20:00; Tuesday: Alice's morning from 08:00.
    const monday = relays.find((r) => r.date === '2027-01-04')!;
    expect(monday.handoverFrom).toBe('b');
    expect(monday.handoverTo).toBe('a');
  });
});
