import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Worker } from 'node:worker_threads';
import { parseConfig, type Absence, type Config, type ConfigInput } from '../domain/config.js';
import { dayOptions, optionAssignments } from '../domain/day-options.js';
import type { Assignment, Rota } from '../domain/rota.js';
import { addDays, eachDate, isValidDate, weekday } from '../domain/time.js';
import { dayType } from '../domain/calendar.js';
import { holidayName } from '../domain/holidays.js';
import { allFeeds } from '../calendar/feed-set.js';
import { etagOf, astreinteEvents, meetingEvents, permanenceEvents, personEvents, reviseEvents, type FeedEvent } from '../calendar/feeds.js';
import { relaysOf } from '../planning/assemble.js';
import { replan, type Change } from '../planning/replan.js';
import { checkRota, type Violation } from '../rules/index.js';
import { backendByName } from '../../solver/backends/index.js';
import type { Store } from '../storage/store.js';
import { BadRequestError, NotFoundError } from './errors.js';
import { startWorker } from './jobs.js';

export interface ServiceOptions {
  backend: string;
  windowSeconds: number;
}

/** The planning life cycle: generate (a job), edit, lock, publish, replan; and the feeds of what is published. */
export class RotaService {
  private readonly workers = new Map<string, Worker>();
  private feedCache = new Map<string, { body: string; gzip: Buffer; etag: string }>();

  constructor(readonly store: Store, readonly opts: ServiceOptions) {}

  private parsedConfig: Config | null = null;

  /** The configuration, parsed once per change (every request's authorisation reads it). */
  config(): Config {
    if (this.parsedConfig) return this.parsedConfig;
    const input = this.store.getConfig();
    if (!input) throw new Error('the store has no configuration');
    this.parsedConfig = parseConfig(input);
    return this.parsedConfig;
  }

  configInput(): ConfigInput {
    return this.store.getConfig()!;
  }

  /** Replaces the configuration after validating it as a whole; nothing is written when it is invalid. */
  putConfig(input: unknown): Config {
    const config = parseConfig(input);
    this.store.putConfig(input as ConfigInput);
    this.parsedConfig = null;
    this.feedCache.clear();
    return config;
  }

  addAbsence(a: Absence): Config {
    const input = this.configInput();
    return this.putConfig({ ...input, absences: [...(input.absences ?? []), a] });
  }

  /** Everything the service holds about one person (RGPD right of access). */
  exportPerson(personId: string) {
    const config = this.config();
    const person = config.people.find((p) => p.id === personId);
    if (!person) throw new NotFoundError(`unknown person ${personId}`);
    const plannings = this.store.listPlannings().map((p) => ({
      planningId: p.id,
      from: p.from,
      to: p.to,
      draft: p.rota?.assignments.filter((a) => a.personId === personId) ?? [],
      astreinte: p.rota?.astreinte.filter((t) => t.cadreId === personId) ?? [],
      published: this.store.publishedVersions(p.id).map((v) => ({ version: v.version, assignments: this.store.getPublished(p.id, v.version)!.rota.assignments.filter((a) => a.personId === personId) })),
    }));
    return { person, absences: config.absences.filter((a) => a.personId === personId), wishes: config.wishes.filter((w) => w.personId === personId), plannings };
  }

  /**
   * Erases a person (RGPD right to erasure): out of the configuration, tokens revoked, and in every stored planning
   * their days kept under an anonymous id so that past coverage still adds up.
   */
  erasePerson(personId: string): { anonymousId: string } {
    const input = this.configInput();
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
    this.store.rewriteRotas(
      (value) => scrub(value, personId, name, anonymousId),
      () => {
        this.store.putConfig(next);
        this.store.forgetPerson(personId);
      },
    );
    this.parsedConfig = null;
    this.feedCache.clear();
    return { anonymousId };
  }

  generate(from: string, to: string): { planningId: string; jobId: string } {
    if (to < from) throw new BadRequestError('to', `must not be before from (${from})`);
    if (addDays(from, 400) < to) throw new BadRequestError('to', 'a planning covers at most a year');
    const planningId = randomUUID();
    const jobId = randomUUID();
    this.store.createPlanning(planningId, from, to);
    this.store.createJob(jobId, planningId);
    const worker = startWorker(new URL('./solve-worker.ts', import.meta.url), { config: this.configInput(), from, to, backend: this.opts.backend, windowSeconds: this.opts.windowSeconds });
    this.workers.set(jobId, worker);
    worker.on('message', (m: { type: string; progress?: unknown; rota?: Rota; report?: unknown; error?: string }) => {
      if (m.type === 'progress') this.store.updateJob(jobId, { progress: m.progress });
      if (m.type === 'done') {
        this.store.saveDraft(planningId, 0, m.rota!, m.report);
        this.store.updateJob(jobId, { status: 'done' });
      }
      if (m.type === 'failed') this.store.updateJob(jobId, { status: 'failed', error: m.error });
      if (m.type !== 'progress') this.finish(jobId);
    });
    worker.on('error', (e) => {
      this.store.updateJob(jobId, { status: 'failed', error: e.message });
      this.finish(jobId);
    });
    return { planningId, jobId };
  }

  private finish(jobId: string): void {
    const w = this.workers.get(jobId);
    this.workers.delete(jobId);
    void w?.terminate();
  }

  cancel(jobId: string): void {
    const job = this.store.getJob(jobId);
    if (!job) throw new NotFoundError(`unknown job ${jobId}`);
    if (job.status !== 'running') return;
    this.store.updateJob(jobId, { status: 'cancelled', error: 'annulé par la cheffe de service' });
    this.finish(jobId);
  }

  /** Waits for a job to end (tests and scripts). */
  async waitJob(jobId: string, timeoutMs = 600_000): Promise<void> {
    const t0 = Date.now();
    while (this.store.getJob(jobId)?.status === 'running') {
      if (Date.now() - t0 > timeoutMs) throw new Error(`job ${jobId} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  planning(id: string) {
    const p = this.store.getPlanning(id);
    if (!p) throw new NotFoundError(`unknown planning ${id}`);
    return p;
  }

  private views = new Map<string, { key: string; planning: ReturnType<RotaService['planning']> }>();

  private viewJson = new Map<string, { body: string; gzip: Buffer; etag: string }>();

  /** The month view serialised once per planning version and month (the page's hot read), with its ETag. */
  planningViewJson(id: string, month?: string): { body: string; gzip: Buffer; etag: string } {
    const stamp = this.store.db.prepare('SELECT version, updated_at FROM plannings WHERE id = ?').get(id) as { version: number; updated_at: string } | undefined;
    if (!stamp) throw new NotFoundError(`unknown planning ${id}`);
    const key = `${id}|${stamp.version}|${stamp.updated_at}|${month ?? ''}`;
    let hit = this.viewJson.get(key);
    if (!hit) {
      const body = JSON.stringify(this.planningView(id, month));
      hit = { body, gzip: gzipSync(body), etag: etagOf(body) };
      if (this.viewJson.size >= 64) this.viewJson.delete(this.viewJson.keys().next().value!);
      this.viewJson.set(key, hit);
    }
    return hit;
  }

  /** The planning, or one month of it (the month view), from a cache keyed by version: a year is megabytes of JSON. */
  planningView(id: string, month?: string) {
    const stamp = this.store.db.prepare('SELECT version, updated_at FROM plannings WHERE id = ?').get(id) as { version: number; updated_at: string } | undefined;
    if (!stamp) throw new NotFoundError(`unknown planning ${id}`);
    const key = `${stamp.version}|${stamp.updated_at}`;
    let cached = this.views.get(id);
    if (cached?.key !== key) {
      cached = { key, planning: this.planning(id) };
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

  private draft(id: string): Rota {
    const p = this.planning(id);
    if (!p.rota) throw new BadRequestError('planningId', 'the planning is still being generated');
    return p.rota;
  }

  /**
   * Sets one person's day by hand (a template of that day, or rest when templateId is null). The edit is kept,
   * marked, and the checker's answer for it comes back at once.
   */
  editDay(id: string, baseVersion: number, edit: { personId: string; date: string; templateId: string | null }): { version: number; violations: Violation[]; all: { hard: number; soft: number } } {
    const config = this.config();
    const rota = this.draft(id);
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
    const saved = this.store.saveDraft(id, baseVersion, next, { ...(this.planning(id).report as object), violations: { hard: check.hard, soft: check.soft } });
    return { version: saved.version, violations, all: { hard: check.hard, soft: check.soft } };
  }

  /** What a person can work on a date (for the edit menu), and the days of the planning with their type and holiday. */
  dayChoices(personId: string, date: string): { id: string; label: string }[] {
    const config = this.config();
    const person = config.people.find((p) => p.id === personId && p.planned);
    if (!person) throw new NotFoundError(`unknown person ${personId}`);
    return dayOptions(person, date, config).map((o) => ({ id: o.id, label: o.label }));
  }

  calendar(from: string, to: string) {
    const config = this.config();
    return eachDate(from, to).map((date) => ({ date, weekday: weekday(date), dayType: dayType(date, config), holiday: holidayName(date) ?? null }));
  }

  lockDay(id: string, baseVersion: number, personId: string, date: string, locked: boolean): { version: number; count: number } {
    const rota = this.draft(id);
    let count = 0;
    const assignments = rota.assignments.map((a) => (a.personId === personId && a.date === date && a.kind !== 'conge' ? (count++, { ...a, locked }) : a));
    if (count === 0) throw new BadRequestError('date', `${personId} has nothing planned on ${date} to lock`);
    const saved = this.store.saveDraft(id, baseVersion, { ...rota, assignments }, this.planning(id).report);
    return { version: saved.version, count };
  }

  publish(id: string, baseVersion: number): { version: number } {
    const config = this.config();
    const at = new Date().toISOString();
    const saved = this.store.publish(id, baseVersion, (rota) => reviseEvents(feedEventsOf(config, rota), this.store.revisions(), at));
    this.feedCache.clear();
    this.feed(this.config().people[0].id); // warm the cache: the first subscribers after a publication do not all render
    return { version: saved.publishedVersion! };
  }

  async replan(id: string, baseVersion: number, from: string, today: string, absences: Absence[]): Promise<{ version: number; changes: Change[]; hard: number }> {
    const p = this.planning(id);
    const published = p.publishedVersion !== null ? this.store.getPublished(id)!.rota : this.draft(id);
    if (from < p.from || from > p.to) throw new BadRequestError('from', `must be within ${p.from} – ${p.to}`);
    const input = this.configInput();
    const config = parseConfig({ ...input, absences: [...(input.absences ?? []), ...absences] });
    const r = await replan({ config, published, from, today, backend: backendByName(this.opts.backend), windowSeconds: this.opts.windowSeconds });
    // The absences and the new draft are written only once the replanning has succeeded.
    const saved = this.store.db.transaction(() => {
      this.store.putConfig({ ...input, absences: [...(input.absences ?? []), ...absences] });
      this.parsedConfig = null;
      return this.store.saveDraft(id, baseVersion, r.rota, { ...(p.report as object), changes: r.changes });
    })();
    return { version: saved.version, changes: r.changes, hard: r.check.hard };
  }

  /** A feed by its token: only published plannings appear; cached until the next publication. */
  feed(feedId: string): { body: string; gzip: Buffer; etag: string } {
    const cached = this.feedCache.get(feedId);
    if (cached) return cached;
    const config = this.config();
    const published = this.store.allPublished();
    const revisions = this.store.revisions();
    const merged = mergeRotas(published.map((x) => x.rota));
    const at = published.map((x) => x.publishedAt).sort().at(-1) ?? '2000-01-01T00:00:00Z';
    // Every feed is rendered at once and kept until the next publication or configuration change.
    for (const f of allFeeds(config, merged ?? emptyRota(config), at, revisions)) this.feedCache.set(f.id, { body: f.body, gzip: gzipSync(f.body), etag: etagOf(f.body) });
    const out = this.feedCache.get(feedId);
    if (!out) throw new NotFoundError('unknown feed');
    return out;
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
