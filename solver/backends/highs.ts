import loadHighs from 'highs';
import type { IncrementalLp, MilpBackend, SolveOptions, SolveResult } from '../backend.js';
import { relativeGap } from '../backend.js';
import { objectiveOf, type LinearModel } from '../lp.js';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let instance: Promise<Highs> | null = null;

/** One WebAssembly instance per process: the first load pays the warm-up. */
function highs(): Promise<Highs> {
  // HIGHS_LOG=1 shows the solver's own log on stderr (tuning aid); silent otherwise.
  instance ??= loadHighs(process.env.HIGHS_LOG === '1' ? { print: (m) => process.stderr.write(`${m}\n`), printErr: (m) => process.stderr.write(`${m}\n`) } : {});
  return instance;
}

/** HIGHS_OPTIONS='{"random_seed":3}' passes options through (tuning aid); read once, not on every solve. */
let extra: Record<string, unknown> | undefined;
function extraOptions(): Record<string, unknown> {
  if (extra) return extra;
  const raw = process.env.HIGHS_OPTIONS;
  try {
    extra = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    throw new Error(`HIGHS_OPTIONS: not a JSON object of HiGHS options (${raw})`);
  }
  return extra;
}

function toCsr(model: LinearModel) {
  const starts = new Int32Array(model.rows.length + 1);
  let nnz = 0;
  model.rows.forEach((r, i) => {
    starts[i] = nnz;
    nnz += r.terms.length;
  });
  starts[model.rows.length] = nnz;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const r of model.rows)
    for (const [j, c] of r.terms) {
      indices[k] = j;
      values[k++] = c;
    }
  return { starts, indices, values };
}

/** ±Infinity as HiGHS' own infinity. */
const clipper = (h: Highs) => (v: number) => (v === Infinity ? h.infinity : v === -Infinity ? -h.infinity : v);

/** `model` as a HiGHS model, integrality kept only when `integer`. */
function createModel(h: Highs, model: LinearModel, integer: boolean) {
  const clip = clipper(h);
  const { starts, indices, values } = toCsr(model);
  return h.createModel({
    numCols: model.names.length,
    numRows: model.rows.length,
    colCost: model.cost,
    colLower: model.lower.map(clip),
    colUpper: model.upper.map(clip),
    rowLower: model.rows.map((r) => clip(r.lb)),
    rowUpper: model.rows.map((r) => clip(r.ub)),
    matrix: { format: 'csr', numRows: model.rows.length, numCols: model.names.length, starts, indices, values },
    ...(integer ? { integrality: model.integer.map((b) => (b ? 1 : 0)) as (0 | 1)[] } : {}),
    offset: model.offset,
  });
}

export const highsBackend: MilpBackend = {
  name: 'highs',
  async solve(model: LinearModel, opts: SolveOptions): Promise<SolveResult> {
    // Nothing to decide (an empty caseload, a period with nobody): HiGHS refuses a model without columns.
    if (model.names.length === 0) {
      if (model.rows.length > 0) return { status: 'infeasible', objective: NaN, bound: NaN, gap: 0, values: new Float64Array(0), seconds: 0, backend: 'highs' };
      return { status: 'optimal', objective: model.offset, bound: model.offset, gap: 0, values: new Float64Array(0), seconds: 0, backend: 'highs' };
    }
    const h = await highs();
    const t0 = performance.now();
    const hasInt = model.integer.some(Boolean);
    const m = createModel(h, model, hasInt);
    try {
      m.options.set({ output_flag: process.env.HIGHS_LOG === '1', time_limit: opts.timeLimitSeconds, mip_rel_gap: opts.mipRelGap ?? 1e-4, mip_abs_gap: opts.mipAbsGap ?? 1e-6, mip_heuristic_effort: 0.3, ...(opts.randomSeed === undefined ? {} : { random_seed: opts.randomSeed }), ...(opts.improvingSolutions === undefined ? {} : { mip_max_improving_sols: opts.improvingSolutions }), ...(opts.cutoff === undefined ? {} : { objective_bound: opts.cutoff }), ...extraOptions() });
      if (opts.start && hasInt) {
        const idx: number[] = [];
        const val: number[] = [];
        for (let i = 0; i < model.names.length; i++) if (model.integer[i]) { idx.push(i); val.push(opts.start[i]); }
        try {
          m.setSolution({ indices: idx, values: val });
        } catch {
          // a start that does not fit is only a hint
        }
      }
      m.run();
      const status = m.getModelStatus();
      const seconds = (performance.now() - t0) / 1000;
      const consts = h.constants.modelStatus;
      if (status === consts.infeasible) return { status: 'infeasible', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds, backend: 'highs' };
      const sol = m.getSolution();
      const primalOk = Number(m.info.get('primal_solution_status')) === 2;
      // Without a plan, the bound the search proved so far still counts (a root solve for its bound).
      const dual = hasInt ? Number(m.info.get('mip_dual_bound')) : NaN;
      if (!primalOk) return { status: 'no-solution', objective: NaN, bound: Number.isFinite(dual) && Math.abs(dual) < 1e20 ? dual : NaN, gap: NaN, values: new Float64Array(0), seconds, backend: 'highs', message: `model status ${status}` };
      const x = Float64Array.from(sol.colValue, (v, i) => (model.integer[i] ? Math.round(v) : v));
      const objective = objectiveOf(model, x);
      const bound = hasInt ? Math.min(dual, objective) : objective;
      const gap = relativeGap(objective, bound);
      const optimal = status === consts.optimal;
      const duals = !hasInt && optimal && sol.rowDual ? Float64Array.from(sol.rowDual) : undefined;
      return { status: optimal ? 'optimal' : 'feasible', objective, bound, gap, values: x, seconds, backend: 'highs', ...(duals ? { duals } : {}) };
    } finally {
      m.dispose();
    }
  },

  async incrementalLp(model: LinearModel): Promise<IncrementalLp> {
    const h = await highs();
    const clip = clipper(h);
    const m = createModel(h, model, false);
    m.options.set({ output_flag: process.env.HIGHS_LOG === '1', ...extraOptions() });
    const costs = [...model.cost];
    // Columns added keep the basis primal feasible: primal simplex goes on from it (Instance 12's master converged in
    // 13 s instead of 22 s); bounds tightened keep it dual feasible: dual simplex then.
    let boundsChanged = false;
    return {
      addColumns(columns) {
        if (columns.length === 0) return;
        const colStarts = new Int32Array(columns.length + 1);
        let nnz = 0;
        columns.forEach((c, i) => {
          colStarts[i] = nnz;
          nnz += c.entries.length;
        });
        colStarts[columns.length] = nnz;
        const rowIndex = new Int32Array(nnz);
        const coef = new Float64Array(nnz);
        let k = 0;
        for (const c of columns)
          for (const [r, v] of c.entries) {
            rowIndex[k] = r;
            coef[k++] = v;
          }
        m.addCols({
          cost: Float64Array.from(columns, (c) => c.cost),
          lower: Float64Array.from(columns, (c) => clip(c.lower)),
          upper: Float64Array.from(columns, (c) => clip(c.upper)),
          matrix: { format: 'csc', numRows: model.rows.length, numCols: columns.length, starts: colStarts, indices: rowIndex, values: coef },
        });
        for (const c of columns) costs.push(c.cost);
      },
      setBounds(column, lower, upper) {
        m.changeColBounds(column, clip(lower), clip(upper));
        boundsChanged = true;
      },
      deleteColumns(columns) {
        if (columns.length === 0) return [];
        const status = m.getBasis().colStatus;
        const basic = h.constants.basisStatus.basic;
        const gone = columns.filter((j) => status[j] !== basic);
        if (gone.length === 0) return [];
        m.deleteCols({ kind: 'set', indices: Int32Array.from(gone) });
        const drop = new Set(gone);
        let kept = 0;
        for (let j = 0; j < costs.length; j++) if (!drop.has(j)) costs[kept++] = costs[j];
        costs.length = kept;
        return gone;
      },
      async solve(opts) {
        const t0 = performance.now();
        // The time limit counts from the model's creation unless its clocks are zeroed.
        m.zeroAllClocks();
        m.options.set({ time_limit: opts.timeLimitSeconds, simplex_strategy: boundsChanged ? 1 : 4, ...extraOptions() });
        boundsChanged = false;
        m.run();
        const status = m.getModelStatus();
        const seconds = (performance.now() - t0) / 1000;
        const consts = h.constants.modelStatus;
        if (status === consts.infeasible) return { status: 'infeasible', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds, backend: 'highs' };
        if (status !== consts.optimal) return { status: 'no-solution', objective: NaN, bound: NaN, gap: NaN, values: new Float64Array(0), seconds, backend: 'highs', message: `model status ${status}` };
        const sol = m.getSolution();
        const x = Float64Array.from(sol.colValue);
        let objective = model.offset;
        x.forEach((v, j) => (objective += costs[j] * v));
        return { status: 'optimal', objective, bound: objective, gap: 0, values: x, seconds, backend: 'highs', duals: Float64Array.from(sol.rowDual) };
      },
      dispose() {
        m.dispose();
      },
    };
  },
};
