import type { Config } from '../domain/config.js';
import type { Violation } from '../rules/types.js';

/** Violations grouped by rule, one line each: date, person, what. */
export function formatViolations(violations: Violation[], config: Config, label: (id: string) => string): string {
  if (violations.length === 0) return 'No violation.';
  const names = new Map(config.people.map((p) => [p.id, p.name]));
  const byRule = new Map<string, Violation[]>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  const lines: string[] = [];
  for (const [rule, list] of byRule) {
    const hard = list.filter((v) => v.severity === 'hard').length;
    lines.push(`${hard ? 'HARD' : 'soft'} ${rule} — ${label(rule)}: ${list.length}`);
    for (const v of list.slice(0, 50))
      lines.push(`  ${v.severity === 'hard' ? '✗' : '·'} ${v.date ?? '          '}  ${v.personId ? (names.get(v.personId) ?? v.personId).padEnd(18) : ''.padEnd(18)}  ${v.message}`);
    if (list.length > 50) lines.push(`  … and ${list.length - 50} more`);
  }
  return lines.join('\n');
}
