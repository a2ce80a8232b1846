import { describe, expect, it } from 'vitest';
import { apmnConfig } from '../../fixtures/apmn.js';
import { dayType, nightWindow, openingWindow } from '../../src/domain/calendar.js';
import { instantAt, isoInstant } from '../../src/domain/time.js';

const config = apmnConfig();
const hours = (i: { start: number; end: number }) => (i.end - i.start) / 60;

describe('Europe/Paris and daylight saving time', () => {
  it('measures the night relay of Saturday 27 March 2027 as 10 h (clocks go forward)', () => {
    const n = nightWindow('2027-03-27', config);
    expect(isoInstant(n.start)).toBe('2027-03-27T22:00:00+01:00');
    expect(isoInstant(n.end)).toBe('2027-03-28T09:00:00+02:00');
    expect(hours(n)).toBe(10);
  });
  it('keeps the Sunday opening of 28 March 2027 at 09:00–21:00, 12 h', () => {
    expect(dayType('2027-03-28', config)).toBe('sunday');
    expect(hours(openingWindow('2027-03-28', config))).toBe(12);
  });
  it('measures the night of Saturday 30 October 2027 as 12 h (clocks go back)', () => {
    expect(hours(nightWindow('2027-10-30', config))).toBe(12);
    expect(hours(openingWindow('2027-10-31', config))).toBe(12);
  });
  it('keeps a weekday 08:00–22:30 at 14.5 h on the weekdays after each change', () => {
    expect(hours(openingWindow('2027-03-30', config))).toBe(14.5);
    expect(hours(openingWindow('2027-11-02', config))).toBe(14.5);
    expect(hours(openingWindow('2027-03-29', config))).toBe(12); // Easter Monday takes the holiday hours
  });
  it('places 08:00 at the right instant on both sides of the change', () => {
    expect(isoInstant(instantAt('2027-03-26', 480))).toBe('2027-03-26T08:00:00+01:00');
    expect(isoInstant(instantAt('2027-03-29', 480))).toBe('2027-03-29T08:00:00+02:00');
  });
  it('gives public holidays the Sunday hours by default', () => {
    expect(dayType('2027-05-06', config)).toBe('holiday');
    expect(hours(openingWindow('2027-05-06', config))).toBe(12);
  });
});
