import { describe, expect, it } from 'vitest';
import { evaluateCurtois, readCurtois, toShiftProblem } from '../../src/benchmarks/curtois.js';
import { highsBackend } from '../../solver/backends/highs.js';
import { shiftColumnGeneration } from '../../solver/shift-colgen.js';

describe('the column generation’s dives', () => {
  // The dive by days holds a day's choices as the bits of an int32 (a day off and each type): past 29 types it cannot,
  // and the dive by columns alone must give the roster.
  it.each([3, 29, 31])('should give a roster the evaluator finds lawful and prices as reported, with %i shift types', async (types) => {
    const ids = Array.from({ length: types }, (_, i) => `S${i}`);
    const staff = ['A', 'B', 'C', 'D'];
    const lines = ['SECTION_HORIZON', '14', '', 'SECTION_SHIFTS', ...ids.map((t) => `${t},480,`), '', 'SECTION_STAFF'];
    for (const s of staff) lines.push(`${s},${ids.map((t) => `${t}=14`).join('|')},4800,0,5,1,1,1`);
    lines.push('', 'SECTION_DAYS_OFF', 'A,3', '', 'SECTION_SHIFT_ON_REQUESTS', 'B,2,S1,3', 'C,9,S0,2', '', 'SECTION_SHIFT_OFF_REQUESTS', 'D,4,S0,2', '');
    lines.push('SECTION_COVER');
    for (let d = 0; d < 14; d++) ids.forEach((t, i) => lines.push(`${d},${t},${i < 2 ? (d % 3 === 0 ? 2 : 1) : 0},100,1`));
    const inst = readCurtois(lines.join('\n') + '\n', `types${types}`);
    const cg = await shiftColumnGeneration(toShiftProblem(inst), highsBackend, { timeLimitSeconds: 20, integerSeconds: 5 });
    expect(cg.report.converged).toBe(true);
    expect(cg.roster).not.toBeNull();
    const e = evaluateCurtois(inst, cg.roster!);
    expect(e.violations).toEqual([]);
    expect(e.penalty).toBe(Math.round(cg.objective));
    // The roster is never below the bound, and on a problem this small the dives reach it or come near.
    expect(cg.objective).toBeGreaterThanOrEqual(Math.ceil(cg.report.bound - 1e-3));
  }, 60_000);
});
