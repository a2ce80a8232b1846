import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { parseConfig, type Absence, type Config, type ConfigInput } from '../domain/config.js';
import { dayOptions, optionAssignments } from '../domain/day-options.js';
import type { Assignment, Rota } from '../domain/rota.js';
import { addDays, eachDate, isValidDate, weekday } from '../domain/time.js';
import { dayType } from '../domain/calendar.js';
import { holidayName } from '../domain/holidays.js';
import { servedBody, astreinteEvents, meetingEvents, permanenceEvents, personEvents, reviseEvents, type FeedEvent, type ServedBody } from '../calendar/feeds.js';
import { relaysOf } from '../planning/assemble.js';
import { replan, type Change } from '../planning/replan.js';
import { checkRota, type Violation } from '../rules/index.js';
import { backendByName } from '../../solver/backends/index.js';
import type { PlanningRow, Store } from '../storage/store.js';
import { BadRequestError, NotFoundError } from './errors.js';
import { renderAllFeeds, type FeedRenderInput, type RenderedFeed } from './feed-worker.js';
import { startWorker } from '../worker-threads.js';

export interface ServiceOptions {
  backend: string;
  windowSeconds: number;
}

/** The planning life cycle: generate (a job), edit, lock, publish, replan; and the feeds of what is published. */
export class RotaService {
  private readonly workers = new Map<string, Worker>();
  private feeds: Promise<Map<string, ServedBody>> | null = null;

  constructor(readonly store: Store, readonly opts: ServiceOptions) {}

  private parsedConfig: Config | null = null;

  /** The configuration, parsed once per change (every request's authorisation reads it). */
  async config(): Promise<Config> {
    if (this.parsedConfig) return this.parsedConfig;
    const input = await this.store.getConfig();
    if (!input) throw new Error('the store has no configuration');
    this.parsedConfig = parseConfig(input);
    return this.parsedConfig;
  }

  /** The parsed configuration if it is cached (null otherwise), for the hot path that must not wait. */
  cachedConfig(): Config | null {
    return this.parsedConfig;
  }

  async configInput(): Promise<ConfigInput> {
    const input = await this.store.getConfig();
    if (!input) throw new Error('the store has no configuration');
    return input;
  }

  /** Replaces the configuration after validating it as a whole; nothing is written when it is invalid. */
  async putConfig(input: unknown): Promise<Config> {
    const config = parseConfig(input);
    await this.store.putConfig(input as ConfigInput);
    this.configChanged();
    return config;
  }

  private clearFeeds(): void {
    this.feeds = null;
  }

  private configChanged(): void {
    this.parsedConfig = null;
    this.clearFeeds();
  }

  async addAbsence(a: Absence): Promise<Config> {
    const input = await this.configInput();
    return this.putConfig({ ...input, absences: [...(input.absences ?? []), a] });
  }

  /** Everything the service holds about one person (RGPD right of access). */
  async exportPerson(personId: string) {
    const config = await this.config();
    const person = config.people.find((p) => p.id === personId);
    if (!person) throw new NotFoundError(`unknown person ${personId}`);
    const plannings = [];
    for (const p of await this.store.listPlannings()) {
      const published = [];
      for (const v of await this.store.publishedVersions(p.id))
        published.push({ version: v.version, assignments: (await this.store.getPublished(p.id, v.version))!.rota.assignments.filter((a) => a.personId === personId) });
      plannings.push({
        planningId: p.id,
        from: p.from,
        to: p.to,
        draft: p.rota?.assignments.filter((a) => a.personId === personId) ?? [],
        astreinte: p.rota?.astreinte.filter((t) => t.cadreId === personId) ?? [],
        published,
      });
    }
    return { person, absences: config.absences.filter((a) => a.personId === personId), wishes: config.wishes.filter((w) => w.personId === personId), plannings };
  }

  /**
   * Erases a person (RGPD right to erasure): out of the configuration, tokens revoked, and in every stored planning
   * their days kept under an anonymous id so that past coverage still adds up.
   */
  async erasePerson(personId: string): Promise<{ anonymousId: string }> {
    const input = await this.configInput();
    if (!input.people.some((p) => p.id === personId)) throw new NotFoundError(`unknown person ${personId}`);
    const anonymousId = `efface-${randomUUID().slice(0, 8)}`;
    const next = {
      ...input,
      people: input.people.filter((p) => p.id !== personId),
      absences: (input.absences ?? []).filter((a) => a.personId !== personId),
      wishes: (input.wishes ?? []).filter((w) => w.personId !== personId),
      meetings: (input.meetings ?? []).map((m) => ({ ...m, members: m.members.map((g) => (g.personIds ? { ...g, personIds: g.personIds.filter((id) => id !== personId) } : g)) })),
    };
    parseConfig(next);
    const name = input.people.find((p) => p.id === personId)!.name;
    await this.store.erasePerson(personId, (value) => scrub(value, personId, name, anonymousId), next);
    this.configChanged();
    return { anonymousId };
  }

  async generate(from: string, to: string): Promise<{ planningId: string; jobId: string }> {
    if (to < from) throw new BadRequestError('to', `must not be before from (${from})`);
    if (addDays(from, 400) < to) throw new BadRequestError('to', 'a planning covers at most a year');
    const config = await this.configInput();
    const planningId = randomUUID();
    const jobId = randomUUID();
    await this.store.createPlanning(planningId, from, to);
    await this.store.createJob(jobId, planningId);
    this.runJob(jobId, new URL('./solve-worker.ts', import.meta.url), { config, from, to, backend: this.opts.backend, windowSeconds: this.opts.windowSeconds }, async (m) => {
      await this.store.saveDraft(planningId, 0, m.rota as Rota, m.report);
    });
    return { planningId, jobId };
  }

  /**
   * Runs a job's worker: progress and the end are stored one message after the other (so that "done" never lands
   * before the last progress line); `done` stores the result unless the job was cancelled meanwhile.
   */
  runJob(jobId: string, file: URL, data: unknown, done: (m: Record<string, unknown>) => Promise<void>): void {
    const worker = startWorker(file, data);
    this.workers.set(jobId, worker);
    let chain = Promise.resolve();
    const record = (step: () => Promise<unknown>) => {
      chain = chain.then(step).then(
        () => undefined,
        (e: Error) => this.store.updateJob(jobId, { status: 'failed', error: `enregistrement impossible : ${e.message}` }).catch(() => undefined),
      );
    };
    worker.on('message', (m: { type: string; progress?: unknown; error?: string }) => {
      if (m.type === 'progress') record(() => this.store.updateJob(jobId, { progress: m.progress }));
      if (m.type === 'done')
        record(async () => {
          if ((await this.store.getJob(jobId))?.status === 'cancelled') return;
          await done(m);
          await this.store.updateJob(jobId, { status: 'done' });
        });
      if (m.type === 'failed') record(() => this.store.updateJob(jobId, { status: 'failed', error: m.error }));
      if (m.type !== 'progress') this.finish(jobId);
    });
    worker.on('error', (e) => {
      record(() => this.store.updateJob(jobId, { status: 'failed', error: e.message }));
      this.finish(jobId);
    });
  }

  private finish(jobId: string): void {
    const w = this.workers.get(jobId);
    this.workers.delete(jobId);
    void w?.terminate();
  }

  async cancel(jobId: string): Promise<void> {
    const job = await this.store.getJob(jobId);
    if (!job) throw new NotFoundError(`unknown job ${jobId}`);
    if (job.status !== 'running') return;
    this.finish(jobId);
    await this.store.updateJob(jobId, { status: 'cancelled', error: 'annulé par la cheffe de service' });
  }

  /** Waits for a job to end (tests and scripts). */
  async waitJob(jobId: string, timeoutMs = 600_000): Promise<void> {
    const t0 = Date.now();
    while ((await this.store.getJob(jobId))?.status === 'running') {
      if (Date.now() - t0 > timeoutMs) throw new Error(`job ${jobId} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async planning(id: string): Promise<PlanningRow> {
    const p = await this.store.getPlanning(id);
    if (!p) throw new NotFoundError(`unknown planning ${id}`);
    return p;
  }

  private views = new Map<string, { key: string; planning: PlanningRow }>();

  private viewJson = new Map<string, ServedBody>();

  /** The month view serialised once per planning version and month (the page's hot read), with its ETag. */
  async planningViewJson(id: string, month?: string): Promise<ServedBody> {
    const stamp = await this.stampOf(id);
    const key = `${id}|${stamp.version}|${stamp.updatedAt}|${month ?? ''}`;
    let hit = this.viewJson.get(key);
    if (!hit) {
      const body = JSON.stringify(await this.planningView(id, month, stamp));
      hit = servedBody(body);
      if (this.viewJson.size >= 64) this.viewJson.delete(this.viewJson.keys().next().value!);
      this.viewJson.set(key, hit);
    }
    return hit;
  }

  /** The planning, or one month of it (the month view), from a cache keyed by version: a year is megabytes of JSON. */
  private async stampOf(id: string): Promise<{ version: number; updatedAt: string }> {
    const stamp = await this.store.planningStamp(id);
    if (!stamp) throw new NotFoundError(`unknown planning ${id}`);
    return stamp;
  }

  async planningView(id: string, month?: string, known?: { version: number; updatedAt: string }) {
    const stamp = known ?? (await this.stampOf(id));
    const key = `${stamp.version}|${stamp.updatedAt}`;
    let cached = this.views.get(id);
    if (cached?.key !== key) {
      cached = { key, planning: await this.planning(id) };
      this.views.set(id, cached);
    }
    const p = cached.planning;
    if (!month || !p.rota) return p;
    const inMonth = (d: string) => d.startsWith(month);
    const r = p.rota;
    return {
      ...p,
      rota: {
        ...r,
        assignments: r.assignments.filter((a) => inMonth(a.date)),
        astreinte: r.astreinte.filter((t) => t.start.slice(0, 7) <= month && t.end.slice(0, 7) >= month),
        relays: r.relays.filter((x) => inMonth(x.date)),
        gaps: r.gaps.filter((g) => inMonth(g.date)),
        meetings: r.meetings.filter((m) => inMonth(m.date)),
        cancelledMeetings: r.cancelledMeetings.filter((m) => inMonth(m.date)),
      },
    };
  }

  private async draft(id: string): Promise<{ planning: PlanningRow; rota: Rota }> {
    const planning = await this.planning(id);
    if (!planning.rota) throw new BadRequestError('planningId', 'the planning is still being generated');
    return { planning, rota: planning.rota };
  }

  /**
   * Sets one person's day by hand (a template of that day, or rest when templateId is null). The edit is kept,
   * marked, and the checker's answer for it comes back at once.
   */
  async editDay(id: string, baseVersion: number, edit: { personId: string; date: string; templateId: string | null }): Promise<{ version: number; violations: Violation[]; all: { hard: number; soft: number } }> {
    const config = await this.config();
    const { planning, rota } = await this.draft(id);
    const person = config.people.find((p) => p.id === edit.personId && p.planned);
    if (!person) throw new BadRequestError('personId', `unknown person "${edit.personId}"`);
    if (!isValidDate(edit.date) || edit.date < rota.from || edit.date > rota.to) throw new BadRequestError('date', `must be a date within ${rota.from} – ${rota.to}`);
    let added: Assignment[] = [];
    if (edit.templateId !== null) {
      const option = dayOptions(person, edit.date, config).find((o) => o.id === edit.templateId);
      if (!option) throw new BadRequestError('templateId', `"${edit.templateId}" is not a shift ${person.name} can work on ${edit.date}`);
      added = optionAssignments(option, config, { edited: true });
    }
    const assignments = [...rota.assignments.filter((a) => !(a.personId === edit.personId && a.date === edit.date && a.kind !== 'conge')), ...added].sort(
      (a, b) => a.date.localeCompare(b.date) || a.personId.localeCompare(b.personId) || a.start.localeCompare(b.start),
    );
    const next: Rota = { ...rota, assignments, relays: relaysOf(config, rota.from, rota.to, assignments) };
    const check = checkRota(config, next);
    const near = (d?: string) => !!d && d >= addDays(edit.date, -7) && d <= addDays(edit.date, 7);
    const violations = check.violations.filter((v) => v.severity === 'hard' && (v.personId === edit.personId ? near(v.date) : v.date === edit.date));
    const saved = await this.store.saveDraft(id, baseVersion, next, { ...(planning.report as object), violations: { hard: check.hard, soft: check.soft } });
    return { version: saved.version, violations, all: { hard: check.hard, soft: check.soft } };
  }

  /** What a person can work on a date (for the edit menu), and the days of the planning with their type and holiday. */
  async dayChoices(personId: string, date: string): Promise<{ id: string; label: string }[]> {
    const config = await this.config();
    const person = config.people.find((p) => p.id === personId && p.planned);
    if (!person) throw new NotFoundError(`unknown person ${personId}`);
    return dayOptions(person, date, config).map((o) => ({ id: o.id, label: o.label }));
  }

  async calendar(from: string, to: string) {
    const config = await this.config();
    return eachDate(from, to).map((date) => ({ date, weekday: weekday(date), dayType: dayType(date, config), holiday: holidayName(date) ?? null }));
  }

  async lockDay(id: string, baseVersion: number, personId: string, date: string, locked: boolean): Promise<{ version: number; count: number }> {
    const { planning, rota } = await this.draft(id);
    let count = 0;
    const assignments = rota.assignments.map((a) => (a.personId === personId && a.date === date && a.kind !== 'conge' ? (count++, { ...a, locked }) : a));
    if (count === 0) throw new BadRequestError('date', `${personId} has nothing planned on ${date} to lock`);
    const saved = await this.store.saveDraft(id, baseVersion, { ...rota, assignments }, planning.report);
    return { version: saved.version, count };
  }

  async publish(id: string, baseVersion: number): Promise<{ version: number }> {
    const config = await this.config();
    const at = new Date().toISOString();
    const saved = await this.store.publish(id, baseVersion, (rota, previous) => reviseEvents(feedEventsOf(config, rota), previous, at));
    this.clearFeeds();
    // Rendered now, off the event loop: the first subscribers do not wait; a failure is retried by the next feed read.
    this.warmFeeds().catch(() => undefined);
    return { version: saved.publishedVersion! };
  }

  async replan(id: string, baseVersion: number, from: string, today: string, absences: Absence[]): Promise<{ version: number; changes: Change[]; hard: number }> {
    const { planning: p, rota: draft } = await this.draft(id);
    const published = p.publishedVersion !== null ? (await this.store.getPublished(id))!.rota : draft;
    if (from < p.from || from > p.to) throw new BadRequestError('from', `must be within ${p.from} – ${p.to}`);
    const input = await this.configInput();
    const config = parseConfig({ ...input, absences: [...(input.absences ?? []), ...absences] });
    const r = await replan({ config, published, from, today, backend: backendByName(this.opts.backend), windowSeconds: this.opts.windowSeconds });
    // The absences and the new draft are written together, once the replanning has succeeded.
    const saved = await this.store.saveDraft(id, baseVersion, r.rota, { ...(p.report as object), changes: r.changes }, { ...input, absences: [...(input.absences ?? []), ...absences] });
    this.configChanged();
    return { version: saved.version, changes: r.changes, hard: r.check.hard };
  }

  /** A feed by its token: only published plannings appear; cached until the next publication. */
  async feed(feedId: string): Promise<ServedBody> {
    // One rendering at a time: the subscribers arriving together after a publication share it.
    const current = (this.feeds ??= this.renderFeeds());
    let rendered: Map<string, ServedBody>;
    try {
      rendered = await current;
    } catch (e) {
      if (this.feeds === current) this.feeds = null;
      throw e;
    }
    const out = rendered.get(feedId);
    if (!out) throw new NotFoundError('unknown feed');
    return out;
  }

  /** Renders the feeds now (after a start or a publication), so that the first subscriber does not wait for them. */
  warmFeeds(): Promise<void> {
    const current = (this.feeds ??= this.renderFeeds());
    return current.then(
      () => undefined,
      (e: Error) => {
        if (this.feeds === current) this.feeds = null;
        throw e;
      },
    );
  }

  /** Every feed at once, kept until the next publication or configuration change; rendered in a worker thread. */
  private async renderFeeds(): Promise<Map<string, ServedBody>> {
    const config = await this.config();
    const published = await this.store.allPublished();
    const input: FeedRenderInput = {
      config: await this.configInput(),
      rota: mergeRotas(published.map((x) => x.rota)) ?? emptyRota(config),
      publishedAt: published.map((x) => x.publishedAt).sort().at(-1) ?? '2000-01-01T00:00:00Z',
      revisions: await this.store.revisions(),
    };
    return new Map((await renderOffThread(input)).map((f) => [f.id, f]));
  }
}

function feedEventsOf(config: Config, rota: Rota): FeedEvent[] {
  const people = config.people.filter((p) => p.planned || p.astreinte).flatMap((p) => personEvents(config, rota, p.id));
  return [...people, ...permanenceEvents(config, rota), ...astreinteEvents(config, rota), ...meetingEvents(config, rota)];
}

function mergeRotas(rotas: Rota[]): Rota | null {
  if (rotas.length === 0) return null;
  const sorted = [...rotas].sort((a, b) => a.from.localeCompare(b.from));
  return {
    ...sorted[0],
    from: sorted[0].from,
    to: sorted.map((r) => r.to).sort().at(-1)!,
    assignments: sorted.flatMap((r) => r.assignments),
    // A turn or a relay across the boundary of two plannings appears in both.
    astreinte: uniqueBy(sorted.flatMap((r) => r.astreinte), (t) => `${t.cadreId}|${t.start}`),
    relays: uniqueBy(sorted.flatMap((r) => r.relays), (r) => `${r.kind}|${r.start}`),
    gaps: sorted.flatMap((r) => r.gaps),
    meetings: sorted.flatMap((r) => r.meetings),
    cancelledMeetings: sorted.flatMap((r) => r.cancelledMeetings),
  };
}

function emptyRota(config: Config): Rota {
  return { version: 1, from: '2000-01-01', to: '2000-01-01', timezone: config.timezone, people: config.people.map((p) => ({ id: p.id, name: p.name, role: p.role, team: p.team, fte: p.fte })), assignments: [], astreinte: [], relays: [], gaps: [], meetings: [], cancelledMeetings: [] };
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => !seen.has(key(t)) && !!seen.add(key(t)));
}

/** Deep copy with a person's id replaced (whole values and object keys) and their name removed from every text. */
export function scrub<T>(value: T, personId: string, name: string, anonymousId: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v === personId ? anonymousId : v.split(name).join('Personne effacée');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === personId ? anonymousId : k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** The feeds rendered by a worker thread; in this thread when no worker can be started (the same result, slower). */
function renderOffThread(input: FeedRenderInput): Promise<RenderedFeed[]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(new URL('./feed-worker.ts', import.meta.url), { feedRender: input });
    } catch {
      resolve(renderAllFeeds(input));
      return;
    }
    let settled = false;
    worker.once('message', (m: { type: string; feeds?: RenderedFeed[]; error?: string }) => {
      settled = true;
      void worker.terminate();
      // A Buffer crosses the thread boundary as a plain Uint8Array.
      if (m.type === 'done') resolve(m.feeds!.map((f) => ({ ...f, gzip: Buffer.from(f.gzip.buffer, f.gzip.byteOffset, f.gzip.byteLength) })));
      else reject(new Error(`feeds: ${m.error}`));
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`feeds: the rendering worker stopped (code ${code})`));
      settled = true;
    });
  });
}
