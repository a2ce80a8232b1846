import { randomUUID } from 'node:crypto';
import { apmnMesures } from '../../fixtures/mesures.js';
import { parseConfig } from '../domain/config.js';
import { isActive, parseMesureSet, type Binomes, type MesureSetInput } from '../domain/mesures.js';
import { isValidDate } from '../domain/time.js';
import { backendByName } from '../../solver/backends/index.js';
import { proposeBinomes } from '../staffing/binomes.js';
import { defaultScenarios, scenarioConfig, ScenarioError, type ScenarioChange } from '../staffing/scenarios.js';
import type { BinomeSetRow, Store } from '../storage/store.js';
import { StaleProposalError } from '../storage/store.js';
import { BadRequestError, NotFoundError } from './errors.js';
import type { RotaService } from './service.js';

export class ProposalConflictError extends Error {}

/** Staffing what-ifs (saved runs) and the binômes of the mesures (proposed, confirmed, kept with their history). */
export class StaffingService {
  constructor(
    readonly store: Store,
    readonly rota: RotaService,
  ) {}

  async mesuresInput(): Promise<MesureSetInput> {
    return ((await this.store.getDocument('mesures')) as MesureSetInput | null) ?? { mesures: [] };
  }

  /** Replaces the mesures after validating them as a whole; nothing is written when they are invalid. */
  async putMesures(input: unknown): Promise<{ mesures: number }> {
    const set = parseMesureSet(input);
    await this.store.putDocument('mesures', input);
    return { mesures: set.mesures.length };
  }

  /** Seeds the made-up caseload on a fresh store (the fixture's). */
  async seed(): Promise<void> {
    if (!(await this.store.getDocument('mesures'))) await this.store.putDocument('mesures', apmnMesures);
  }

  async current(): Promise<BinomeSetRow | null> {
    return (await this.store.listBinomeSets()).find((s) => s.status === 'confirmee') ?? null;
  }

  /** A proposal on top of the confirmed binômes, stored as pending until the cheffe confirms it. */
  async propose(on: string): Promise<BinomeSetRow> {
    if (!isValidDate(on)) throw new BadRequestError('on', 'must be a date YYYY-MM-DD');
    const config = await this.rota.config();
    const set = parseMesureSet(await this.mesuresInput());
    const current = await this.current();
    const referents = ((current?.proposal as { referents?: Binomes } | undefined)?.referents ?? {}) as Binomes;
    const proposal = await proposeBinomes(config, set, referents, on, backendByName(this.rota.opts.backend));
    return this.store.createBinomeSet(randomUUID(), current?.id ?? null, proposal);
  }

  async confirm(id: string, by: string): Promise<BinomeSetRow> {
    if (!(await this.store.getBinomeSet(id))) throw new NotFoundError(`unknown proposal ${id}`);
    try {
      return await this.store.confirmBinomeSet(id, by);
    } catch (e) {
      if (e instanceof StaleProposalError) throw new ProposalConflictError(e.message);
      throw e;
    }
  }

  async binomeSet(id: string): Promise<BinomeSetRow> {
    const row = await this.store.getBinomeSet(id);
    if (!row) throw new NotFoundError(`unknown proposal ${id}`);
    return row;
  }

  async history() {
    const sets = await this.store.listBinomeSets();
    return { current: sets.find((s) => s.status === 'confirmee') ?? null, history: sets.map(({ proposal: _p, ...rest }) => rest) };
  }

  /** The mesures a person is a confirmed referent of (what they may read of the caseload). */
  async mine(personId: string, on: string) {
    const current = await this.current();
    const referents = ((current?.proposal as { referents?: Binomes } | undefined)?.referents ?? {}) as Binomes;
    const set = parseMesureSet(await this.mesuresInput());
    return set.mesures.filter((m) => isActive(m, on) && referents[m.id]?.includes(personId)).map((m) => ({ ...m, referents: referents[m.id] }));
  }

  /** Starts a staffing what-if as a job (minutes for a year); the run is saved with its result. */
  async startStaffing(req: { year?: number; from?: string; to?: string; windowSeconds: number; scenarioSeconds: number; scenarios?: ScenarioChange[] }): Promise<{ runId: string; jobId: string }> {
    const input = await this.rota.configInput();
    const config = parseConfig(input);
    const scenarios = req.scenarios ?? defaultScenarios(config);
    scenarios.forEach((change, i) => {
      try {
        scenarioConfig(input, change);
      } catch (e) {
        if (e instanceof ScenarioError) throw new BadRequestError(`scenarios[${i}].${e.field}`, e.message.slice(e.field.length + 2));
        throw e;
      }
    });
    const from = req.from ?? `${req.year}-01-01`;
    const to = req.to ?? `${req.year}-12-31`;
    const runId = randomUUID();
    const jobId = randomUUID();
    await this.store.createStaffingRun(runId, { ...req, from, to, scenarios });
    await this.store.createJob(jobId, runId);
    this.rota.runJob(jobId, new URL('./staffing-worker.ts', import.meta.url), { config: input, from, to, backend: this.rota.opts.backend, windowSeconds: req.windowSeconds, scenarioSeconds: req.scenarioSeconds, scenarios }, async (m) => {
      await this.store.finishStaffingRun(runId, m.result);
    });
    return { runId, jobId };
  }

  async staffingRun(id: string) {
    const run = await this.store.getStaffingRun(id);
    if (!run) throw new NotFoundError(`unknown staffing run ${id}`);
    return run;
  }

  async staffingRuns() {
    return this.store.listStaffingRuns();
  }
}
