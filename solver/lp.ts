/** A plain mixed-integer linear model: minimise cost·x + offset subject to lb ≤ A·x ≤ ub. */
export interface LinearModel {
  names: string[];
  lower: number[];
  upper: number[];
  cost: number[];
  integer: boolean[];
  rows: { terms: [number, number][]; lb: number; ub: number; name: string }[];
  offset: number;
  /** What each variable's cost stands for (coverage, hours, fairness…), for the objective's breakdown. */
  tags: string[];
  offsetTags: Record<string, number>;
}

export type Terms = [number, number][];

export class ModelBuilder {
  readonly m: LinearModel = { names: [], lower: [], upper: [], cost: [], integer: [], rows: [], offset: 0, tags: [], offsetTags: {} };

  addVar(name: string, opts: { lb?: number; ub?: number; cost?: number; integer?: boolean; tag?: string } = {}): number {
    const i = this.m.names.length;
    this.m.tags.push(opts.tag ?? '');
    this.m.names.push(name);
    this.m.lower.push(opts.lb ?? 0);
    this.m.upper.push(opts.ub ?? Infinity);
    this.m.cost.push(opts.cost ?? 0);
    this.m.integer.push(opts.integer ?? false);
    return i;
  }

  binary(name: string, cost = 0, tag = ''): number {
    return this.addVar(name, { lb: 0, ub: 1, cost, integer: true, tag });
  }

  addCost(v: number, c: number): void {
    this.m.cost[v] += c;
  }

  addOffset(c: number, tag = 'other'): void {
    this.m.offset += c;
    this.m.offsetTags[tag] = (this.m.offsetTags[tag] ?? 0) + c;
  }

  /** lb ≤ Σ terms ≤ ub; duplicate variables are summed. A row with no term is checked here instead. */
  addRow(name: string, terms: Terms, lb: number, ub: number): void {
    const merged = new Map<number, number>();
    for (const [v, c] of terms) merged.set(v, (merged.get(v) ?? 0) + c);
    const t = [...merged].filter(([, c]) => c !== 0);
    if (t.length === 0) {
      if (lb > 1e-9 || ub < -1e-9) throw new Error(`constraint ${name} cannot hold: 0 outside [${lb}, ${ub}]`);
      return;
    }
    this.m.rows.push({ terms: t, lb, ub, name });
  }

  le(name: string, terms: Terms, ub: number): void {
    this.addRow(name, terms, -Infinity, ub);
  }

  ge(name: string, terms: Terms, lb: number): void {
    this.addRow(name, terms, lb, Infinity);
  }

  eq(name: string, terms: Terms, v: number): void {
    this.addRow(name, terms, v, v);
  }

  fix(v: number, value: number): void {
    this.m.lower[v] = value;
    this.m.upper[v] = value;
  }

  /** |expr − target| beyond ± tolerance, as a cost: returns the two deviation variables. */
  absDeviation(name: string, terms: Terms, target: number, cost: number, tag = '', tolerance = 0): [number, number] {
    const plus = this.addVar(`${name}+`, { cost, tag });
    const minus = this.addVar(`${name}-`, { cost, tag });
    this.addRow(name, [...terms, [plus, -1], [minus, 1]], target - tolerance, target + tolerance);
    return [plus, minus];
  }
}

export function objectiveOf(m: LinearModel, x: ArrayLike<number>): number {
  let s = m.offset;
  for (let i = 0; i < m.cost.length; i++) s += m.cost[i] * x[i];
  return s;
}

/** Largest violation of a row or bound by x (0 when x is feasible). */
export function maxViolation(m: LinearModel, x: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < m.names.length; i++) worst = Math.max(worst, m.lower[i] - x[i], x[i] - m.upper[i], m.integer[i] ? Math.abs(x[i] - Math.round(x[i])) : 0);
  for (const r of m.rows) {
    const v = r.terms.reduce((s, [j, c]) => s + c * x[j], 0);
    worst = Math.max(worst, r.lb - v, v - r.ub);
  }
  return worst;
}

/** The objective split by the tags of the variables carrying its costs. */
export function objectiveBreakdown(m: LinearModel, x: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = { ...m.offsetTags };
  for (let i = 0; i < m.cost.length; i++) {
    if (!m.cost[i] || !x[i]) continue;
    const t = m.tags[i] || 'other';
    out[t] = (out[t] ?? 0) + m.cost[i] * x[i];
  }
  return out;
}

export interface RestrictedModel {
  model: LinearModel;
  /** Column of the restricted model → column of the original. */
  columns: number[];
  /** The original's full vector from a restricted solution (fixed columns at their value). */
  expand(values: ArrayLike<number>): Float64Array;
}

/**
 * The model with every column not `free` fixed at `base` and taken out: its contribution moves into the rows' bounds
 * and the objective's offset, and rows left without a column are dropped (they hold at `base`, which must satisfy
 * them). A neighbourhood of a large model then costs the solver what the neighbourhood costs, not the whole model.
 */
export function restrict(m: LinearModel, base: ArrayLike<number>, free: (column: number) => boolean): RestrictedModel {
  const newIndex = new Int32Array(m.names.length).fill(-1);
  const columns: number[] = [];
  for (let j = 0; j < m.names.length; j++)
    if (free(j)) {
      newIndex[j] = columns.length;
      columns.push(j);
    }
  let offset = m.offset;
  for (let j = 0; j < m.names.length; j++) if (newIndex[j] < 0) offset += m.cost[j] * base[j];
  const rows: LinearModel['rows'] = [];
  for (const r of m.rows) {
    let fixed = 0;
    const terms: Terms = [];
    for (const [j, c] of r.terms) {
      const k = newIndex[j];
      if (k >= 0) terms.push([k, c]);
      else fixed += c * base[j];
    }
    if (terms.length) rows.push({ terms, lb: r.lb - fixed, ub: r.ub - fixed, name: r.name });
  }
  const pick = <T>(a: T[]) => columns.map((j) => a[j]);
  const model: LinearModel = {
    names: pick(m.names),
    lower: pick(m.lower),
    upper: pick(m.upper),
    cost: pick(m.cost),
    integer: pick(m.integer),
    rows,
    offset,
    tags: pick(m.tags),
    offsetTags: {},
  };
  const expand = (values: ArrayLike<number>) => {
    const out = Float64Array.from(base);
    columns.forEach((j, k) => (out[j] = values[k]));
    return out;
  };
  return { model, columns, expand };
}
