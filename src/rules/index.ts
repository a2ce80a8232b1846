import type { Config } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import { astreinte } from './astreinte.js';
import { averageHours } from './average-hours.js';
import { buildContext } from './context.js';
import { consecutiveDays } from './consecutive-days.js';
import { contractBalance } from './contract-balance.js';
import { coverage } from './coverage.js';
import { breakRule, dailyMax, sequences } from './daily.js';
import { dailyRest } from './daily-rest.js';
import { doublure } from './doublure.js';
import { leave } from './leave.js';
import { meetingConflict } from './meeting-conflict.js';
import { nightHours } from './night-hours.js';
import { nightRelay } from './night-relay.js';
import { rotaMembership } from './rota-membership.js';
import { sundaysOff } from './sundays-off.js';
import type { Rule, Violation } from './types.js';
import { weeklyHours } from './weekly-hours.js';
import { weeklyRest } from './weekly-rest.js';

export type { Rule, Violation } from './types.js';

/** Every rule the checker applies, hard ones first. */
export const RULES: Rule[] = [
  coverage,
  doublure,
  astreinte,
  nightRelay,
  meetingConflict,
  rotaMembership,
  leave,
  dailyMax,
  sequences,
  breakRule,
  dailyRest,
  weeklyRest,
  sundaysOff,
  consecutiveDays,
  weeklyHours,
  averageHours,
  contractBalance,
  nightHours,
];

export interface CheckResult {
  violations: Violation[];
  hard: number;
  soft: number;
}

/** The independent rule checker: it reads a rota and the configuration, never the solver's report. */
export function checkRota(config: Config, rota: Rota, rules: Rule[] = RULES): CheckResult {
  const ctx = buildContext(config, rota);
  const violations = rules.flatMap((r) => r.check(ctx));
  return { violations, hard: violations.filter((v) => v.severity === 'hard').length, soft: violations.filter((v) => v.severity === 'soft').length };
}

export function ruleLabel(id: string): string {
  return RULES.find((r) => r.id === id)?.label ?? id;
}
