import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurtoisFormatError, evaluateCurtois, readCurtois, solutionCsv } from '../../src/benchmarks/curtois.js';

const DIR = process.env.CURTOIS_DIR ?? resolve(process.cwd(), '../shared/benchmarks/curtois/instances');

// From shared/benchmarks/curtois/README.md: days, staff, shift types, day-off entries, on-requests, off-requests, cover rows.
const SIZES: Record<number, number[]> = {
  1: [14, 8, 1, 8, 21, 5, 14],
  2: [14, 14, 2, 14, 50, 12, 28],
  3: [14, 20, 3, 20, 39, 25, 42],
  4: [28, 10, 2, 20, 52, 19, 56],
  5: [28, 16, 2, 32, 79, 27, 56],
  6: [28, 18, 3, 36, 87, 48, 84],
  7: [28, 20, 3, 40, 104, 64, 84],
  8: [28, 30, 4, 60, 139, 86, 112],
  9: [28, 36, 4, 72, 144, 88, 112],
  10: [28, 40, 5, 80, 210, 74, 140],
  11: [28, 50, 6, 100, 197, 139, 168],
  12: [28, 60, 10, 120, 294, 128, 280],
  13: [28, 120, 18, 240, 589, 252, 504],
  14: [42, 32, 4, 128, 266, 93, 168],
  15: [42, 45, 6, 180, 350, 140, 252],
};

describe('the Curtois & Qu reader', () => {
  for (const [n, sizes] of Object.entries(SIZES))
    it(`reads Instance${n} with the published sizes`, () => {
      const inst = readCurtois(readFileSync(`${DIR}/Instance${n}.txt`, 'utf8'), `Instance${n}`);
      const dayOff = Object.values(inst.daysOff).reduce((s, d) => s + d.length, 0);
      expect([inst.horizon, inst.staff.length, inst.shifts.length, dayOff, inst.onRequests.length, inst.offRequests.length, inst.cover.length]).toEqual(sizes);
    });

  it('accepts CRLF line ends and says where a field is wrong', () => {
    const text = readFileSync(`${DIR}/Instance1.txt`, 'utf8');
    expect(readCurtois(text.replace(/\n/g, '\r\n')).staff).toHaveLength(8);
    expect(() => readCurtois(text.replace('A,D=14,4320', 'A,D=14,43x0'), 'I1')).toThrow(CurtoisFormatError);
    expect(() => readCurtois(text.replace('A,D=14,4320', 'A,D=14,43x0'), 'I1')).toThrow(/I1 STAFF\[0\] MaxTotalMinutes: "43x0"/);
  });
});

/** A week, two shift types, two people; every number below is counted by hand. */
const TINY = `SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=5|L=5,2400,960,3,2,2,1
B,E=5|L=0,2400,960,3,2,2,1

SECTION_DAYS_OFF
A,6
B,0

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
B,3,E,3

SECTION_COVER
0,E,1,100,1
0,L,0,100,1
1,E,1,100,1
1,L,1,100,1
2,E,1,100,1
2,L,0,100,1
3,E,1,100,1
3,L,0,100,1
4,E,0,100,1
4,L,0,100,1
5,E,0,100,1
5,L,0,100,1
6,E,0,100,1
6,L,0,100,1
`;

describe('the Curtois evaluator', () => {
  const inst = readCurtois(TINY, 'tiny');
  it('recomputes the penalty of a lawful solution', () => {
    // A: E E E off off off off — on-request met. B: off L? no (L=0): off off E E off off off.
    const sol = [
      ['E', 'E', 'E', null, null, null, null],
      [null, null, 'E', 'E', null, null, null],
    ];
    const e = evaluateCurtois(inst, sol);
    expect(e.violations).toEqual([]);
    // Cover: day 1 L under by 1 (100); day 2 E over by 1 (1). Off-request B day 3 E worked (3). On-request met.
    expect(e.penalty).toBe(100 + 1 + 3);
    expect(solutionCsv(inst, sol).split('\n')[0]).toBe('employee,d0,d1,d2,d3,d4,d5,d6');
  });
  it('lists every hard rule a solution breaks', () => {
    const sol = [
      ['L', 'E', 'E', 'E', 'E', null, 'E'], // E after L; 4 in a row; works its day off (6); runs: 1 day off inside
      ['E', null, null, null, null, null, null], // works day 0 (a day off); 480 min < 960
    ];
    const v = evaluateCurtois(inst, sol).violations.join('\n');
    expect(v).toContain('A day 1: E cannot follow L');
    expect(v).toContain('A: 5 shifts in a row from day 0, max 3');
    expect(v).toContain('A day 6: works on a day off');
    expect(v).toContain('A: 1 day(s) off in a row from day 5, min 2');
    expect(v).toContain('B day 0: works on a day off');
    expect(v).toContain('B: 480 minutes outside [960, 2400]');
  });
});
