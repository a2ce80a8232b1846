import type { Config, Person } from '../domain/config.js';
import type { Assignment, Rota } from '../domain/rota.js';
import type { DayWork, WorkSegment } from '../domain/worktime.js';
import type { IsoDate } from '../domain/time.js';

export interface Violation {
  rule: string;
  severity: 'hard' | 'soft';
  date?: IsoDate;
  personId?: string;
  message: string;
}

export interface PersonDay {
  date: IsoDate;
  assignments: Assignment[];
  segments: WorkSegment[];
  work: DayWork | null;
  absent: boolean;
  long: boolean;
}

export interface CheckContext {
  config: Config;
  rota: Rota;
  dates: IsoDate[];
  people: Person[];
  /** personId → date → the person's day, for every date of the rota. */
  days: Map<string, Map<IsoDate, PersonDay>>;
}

export interface Rule {
  id: string;
  /** French name of the rule, as staff and the cheffe read it. */
  label: string;
  severity: 'hard' | 'soft';
  check(ctx: CheckContext): Violation[];
}
