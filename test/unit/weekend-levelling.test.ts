import { describe, expect, it } from 'vitest';
import { highsBackend } from '../../solver/backends/highs.js';
import { solveRota } from '../../solver/solve-rota.js';
import { addDays, weekday } from '../../src/domain/time.js';
import { smallConfig } from '../helpers/small-config.js';

/** Weekends worked (permanence or doublure on a Saturday or Sunday, counted once a weekend) per person. */
function weekendsOf(chosen: Awaited<ReturnType<typeof solveRota>>['chosen']) {
  const seen = new Map<string, Set<string>>();
  for (const o of chosen) {
    const wd = weekday(o.date);
    if (wd < 6 || (o.cover.length === 0 && !o.doublure)) continue;
    const saturday = wd === 6 ? o.date : addDays(o.date, -1);
    if (!seen.has(o.personId)) seen.set(o.personId, new Set());
    seen.get(o.personId)!.add(saturday);
  }
  return seen;
}

describe('weekends at the close of a long period', () => {
  it('end a quarter within one weekend of each other for full-time workers', async () => {
    // 13 weeks with a wide band (± 1.5 weekends): the band alone ends at 7–10 (weekendSpread 0, measured); the
    // closing window levels the counts to within 1.
    const config = smallConfig({ weights: { weekendTolerance: 1.5 } });
    const s = await solveRota({ config, from: '2027-01-04', to: '2027-04-04' }, { backend: highsBackend, windowSeconds: 20 });
    const counts = config.people.filter((p) => p.onRota).map((p) => weekendsOf(s.chosen).get(p.id)?.size ?? 0);
    expect(Math.max(...counts) - Math.min(...counts), `weekends ${counts.join(', ')}`).toBeLessThanOrEqual(1);
  });
});
