import { describe, expect, it } from 'vitest';
import { apmnConfigInput } from '../../fixtures/apmn.js';
import { parseConfig, ValidationError } from '../../src/domain/config.js';
import { smallConfigInput } from '../helpers/small-config.js';

function issuesOf(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('configuration validation', () => {
  it('accepts the apmn fixture', () => {
    expect(issuesOf(apmnConfigInput)).toEqual([]);
  });
  it('names the path and the reason of a bad FTE', () => {
    const input = smallConfigInput();
    (input.people[3] as { fte: number }).fte = 1.5;
    expect(issuesOf(input)).toContain('people[3].fte: must be between 0 and 1');
  });
  it('refuses FTE 0 on a rota person', () => {
    const input = smallConfigInput();
    (input.people[0] as { fte: number }).fte = 0;
    expect(issuesOf(input)).toContain('people[0].fte: must be above 0 for a person on the permanence rota');
  });
  it('refuses reversed opening hours', () => {
    const input = smallConfigInput();
    input.openingHours.weekday = { open: '20:00', close: '08:00' };
    expect(issuesOf(input)).toContain('openingHours.weekday.close: close must be after open');
  });
  it('refuses a shift longer than the daily maximum', () => {
    const input = smallConfigInput();
    input.shiftTemplates[0] = { ...input.shiftTemplates[0], start: '07:00', end: '19:00' };
    expect(issuesOf(input).join()).toMatch(/shiftTemplates\[0\]\.end: shift of 720 min is longer than the daily maximum of 600 min/);
  });
  it('refuses a meeting with no member group and a time that is not HH:MM', () => {
    const input = smallConfigInput({
      meetings: [{ id: 'm', label: 'M', weekday: 2, recurrence: 'weekly', start: '9h30', end: '12:00', site: 'reunions', members: [] }],
    });
    const issues = issuesOf(input);
    expect(issues).toContain('meetings[0].start: must be a time HH:MM');
    expect(issues).toContain('meetings[0].members: a meeting must have at least one member group');
  });
  it('refuses leave for an unknown person', () => {
    const input = smallConfigInput({ absences: [{ personId: 'nobody', from: '2027-01-01', to: '2027-01-02', kind: 'maladie' }] });
    expect(issuesOf(input)).toContain('absences[0].personId: unknown person "nobody"');
  });
});
