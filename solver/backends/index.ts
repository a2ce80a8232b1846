import type { MilpBackend } from '../backend.js';
import { highsBackend } from './highs.js';
import { jslpBackend } from './jslp.js';

export const BACKENDS: Record<string, MilpBackend> = { highs: highsBackend, 'javascript-lp-solver': jslpBackend, jslp: jslpBackend };

/** highs is the default: measured faster to a proven optimum (see README, npm run bench). */
export const DEFAULT_BACKEND = highsBackend;

export function backendByName(name: string): MilpBackend {
  const b = BACKENDS[name];
  if (!b) throw new Error(`unknown solver backend "${name}" (known: highs, javascript-lp-solver)`);
  return b;
}
