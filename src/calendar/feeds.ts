import ical, { ICalEventBusyStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Config } from '../domain/config.js';
import type { Assignment, Rota } from '../domain/rota.js';

export type FeedCategory = 'PERMANENCE' | 'DOUBLURE' | 'JOURNEE' | 'RELAIS-NUIT' | 'ASTREINTE' | 'REUNION' | 'CONGE';

export interface FeedEvent {
  uid: string;
  category: FeedCategory;
  summary: string;
  start: string;
  end: string;
  allDay?: boolean;
  location: string;
  description: string;
}

/** A per-event revision (SEQUENCE and LAST-MODIFIED), stored by the service; files use revision 0 of the plan. */
export interface Revision {
  sequence: number;
  lastModified: string;
}

const DOMAIN = 'apmn.anef-cantal.fr';
const CATEGORY: Record<Assignment['kind'], FeedCategory> = {
  permanence: 'PERMANENCE',
  doublure: 'DOUBLURE',
  journee: 'JOURNEE',
  reunion: 'REUNION',
  conge: 'CONGE',
};

/** UIDs say what the event is (person, day, kind, template or meeting), so a regenerated feed updates, not duplicates. */
export function assignmentUid(a: Assignment): string {
  const what = a.meetingId ?? a.templateId ?? a.kind;
  return `${a.kind}-${a.personId}-${a.date}-${what}-${a.start.slice(11, 16).replace(':', '')}@${DOMAIN}`;
}

function names(rota: Rota): Map<string, string> {
  return new Map(rota.people.map((p) => [p.id, p.name]));
}

function firstName(name: string): string {
  return name.split(' ')[0];
}

export function personEvents(config: Config, rota: Rota, personId: string): FeedEvent[] {
  const n = names(rota);
  const site = (a: Assignment) => config.sites[a.site ?? 'hebergement'];
  const events: FeedEvent[] = rota.assignments
    .filter((a) => a.personId === personId)
    .map((a) => {
      const partners = a.kind === 'reunion' ? rota.meetings.find((m) => m.date === a.date && m.meetingId === a.meetingId)?.present ?? [] : [];
      const handover = a.kind === 'permanence' ? relayAround(rota, a) : '';
      return {
        uid: assignmentUid(a),
        category: CATEGORY[a.kind],
        summary: `${a.label} – ${firstName(n.get(personId) ?? personId)}`,
        start: a.start,
        end: a.end,
        allDay: a.kind === 'conge',
        location: a.kind === 'conge' ? '' : `${site(a).name}, ${site(a).address}`,
        description:
          a.kind === 'reunion'
            ? `Participants : ${partners.map((id) => n.get(id) ?? id).join(', ')}`
            : a.kind === 'permanence'
              ? `Permanence à l’hébergement.${handover}`
              : a.label,
      };
    });
  for (const t of rota.astreinte.filter((x) => x.cadreId === personId)) events.push(astreinteEvent(config, rota, t));
  return events;
}

function relayAround(rota: Rota, a: Assignment): string {
  const n = names(rota);
  const parts: string[] = [];
  const before = rota.relays.find((r) => r.end === a.start && r.handoverTo === a.personId);
  const after = rota.relays.find((r) => r.start === a.end && r.handoverFrom === a.personId);
  if (before) parts.push(` Reprise après : ${before.label}.`);
  if (after) parts.push(` Transmissions à : ${after.holder} (${after.label}).`);
  const partners = rota.assignments.filter((b) => b.date === a.date && b.kind === 'permanence' && b.personId !== a.personId && (b.end === a.start || b.start === a.end || (b.start < a.end && a.start < b.end)));
  if (partners.length) parts.push(` Relève avec : ${partners.map((b) => n.get(b.personId) ?? b.personId).join(', ')}.`);
  return parts.join('');
}

function astreinteEvent(config: Config, rota: Rota, t: Rota['astreinte'][number]): FeedEvent {
  const name = names(rota).get(t.cadreId) ?? t.cadreId;
  return {
    uid: `astreinte-${t.cadreId}-${t.start.slice(0, 10)}@${DOMAIN}`,
    category: 'ASTREINTE',
    summary: `Astreinte cadre – ${firstName(name)}`,
    start: t.start,
    end: t.end,
    location: config.sites.hebergement.address,
    description: `Cadre d’astreinte pour l’association : ${name}.`,
  };
}

export function permanenceEvents(config: Config, rota: Rota): FeedEvent[] {
  const n = names(rota);
  const out: FeedEvent[] = rota.assignments
    .filter((a) => a.kind === 'permanence' || a.kind === 'doublure')
    .map((a) => ({
      uid: assignmentUid(a),
      category: CATEGORY[a.kind],
      summary: `${a.label} – ${firstName(n.get(a.personId) ?? a.personId)}`,
      start: a.start,
      end: a.end,
      location: `${config.sites[a.site ?? 'hebergement'].name}, ${config.sites[a.site ?? 'hebergement'].address}`,
      description: `${n.get(a.personId) ?? a.personId}.${a.kind === 'permanence' ? relayAround(rota, a) : ''}`,
    }));
  for (const r of rota.relays)
    out.push({
      uid: `relais-${r.kind}-${r.date}-${r.start.slice(11, 16).replace(':', '')}@${DOMAIN}`,
      category: 'RELAIS-NUIT',
      summary: r.label,
      start: r.start,
      end: r.end,
      location: `${config.sites.hebergement.name}, ${config.sites.hebergement.address}`,
      description: `Tenu par : ${r.holder}.${r.handoverFrom ? ` Transmissions de ${n.get(r.handoverFrom) ?? r.handoverFrom}.` : ''}${r.handoverTo ? ` Reprise par ${n.get(r.handoverTo) ?? r.handoverTo}.` : ''}`,
    });
  return out;
}

export function meetingEvents(config: Config, rota: Rota, filter: (meetingId: string) => boolean = () => true): FeedEvent[] {
  const n = names(rota);
  return rota.meetings
    .filter((m) => filter(m.meetingId))
    .map((m) => {
      const site = config.sites[config.meetings.find((x) => x.id === m.meetingId)?.site ?? 'reunions'];
      return {
        uid: `reunion-${m.meetingId}-${m.date}@${DOMAIN}`,
        category: 'REUNION' as const,
        summary: m.label,
        start: m.start,
        end: m.end,
        location: `${site.name}, ${site.address}`,
        description: `Présents : ${m.present.map((id) => n.get(id) ?? id).join(', ') || '—'}. Absents : ${m.absent.map((a) => `${n.get(a.personId) ?? a.personId} (${a.reason})`).join(', ') || '—'}.`,
      };
    });
}

export function astreinteEvents(config: Config, rota: Rota): FeedEvent[] {
  return rota.astreinte.map((t) => astreinteEvent(config, rota, t));
}

export interface FeedOptions {
  name: string;
  description?: string;
  /** LAST-MODIFIED and DTSTAMP of events without a stored revision: the plan's publication instant. */
  publishedAt: string;
  revisions?: Map<string, Revision>;
  refreshSeconds?: number;
}

const tzGenerator = (tz: string) => {
  const block = tzlib_get_ical_block(tz);
  return Array.isArray(block) ? block[0] : block;
};

/** An iCalendar feed: Europe/Paris with its VTIMEZONE, stable UIDs, CRLF to the last line. */
export function renderFeed(events: FeedEvent[], config: Config, opts: FeedOptions): string {
  const tz = config.timezone;
  const cal = ical({
    name: opts.name.replace(/[\r\n]+/g, ' '),
    description: (opts.description ?? opts.name).replace(/[\r\n]+/g, ' '),
    prodId: { company: 'ANEF Cantal', product: 'APMN planning', language: 'FR' },
    ttl: opts.refreshSeconds ?? 3600,
  });
  cal.timezone({ name: null, generator: tzGenerator });
  const sorted = [...events].sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
  for (const e of sorted) {
    const rev = opts.revisions?.get(e.uid);
    const modified = DateTime.fromISO(rev?.lastModified ?? opts.publishedAt, { setZone: true }).toUTC();
    const start = DateTime.fromISO(e.start, { setZone: true }).setZone(tz);
    const end = DateTime.fromISO(e.end, { setZone: true }).setZone(tz);
    cal.createEvent({
      id: e.uid,
      start: e.allDay ? start.startOf('day') : start,
      end: e.allDay ? end.startOf('day') : end,
      allDay: !!e.allDay,
      timezone: e.allDay ? null : tz,
      summary: e.summary,
      location: e.location || null,
      description: e.description,
      categories: [{ name: e.category }],
      sequence: rev?.sequence ?? 0,
      stamp: modified,
      lastModified: modified,
      busystatus: e.category === 'CONGE' ? ICalEventBusyStatus.OOF : ICalEventBusyStatus.BUSY,
    });
  }
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** A body as the server keeps it for its hot reads: the text, compressed once, and its ETag. */
export interface ServedBody {
  body: string;
  gzip: Buffer;
  etag: string;
}

export function servedBody(body: string): ServedBody {
  return { body, gzip: gzipSync(body), etag: etagOf(body) };
}

/** What makes an event change for a calendar app: its time, status and texts. */
function eventHash(e: FeedEvent): string {
  return createHash('sha256').update(JSON.stringify([e.start, e.end, e.summary, e.location, e.description, e.category])).digest('base64url');
}

export interface StoredRevision extends Revision {
  hash: string;
}

/**
 * Revisions after a regeneration: an event whose content changed gets SEQUENCE + 1 and LAST-MODIFIED = now; the
 * others keep theirs, so an unchanged plan gives byte-identical feeds.
 */
export function reviseEvents(events: FeedEvent[], stored: Map<string, StoredRevision>, now: string): Map<string, StoredRevision> {
  const out = new Map(stored);
  for (const e of events) {
    const hash = eventHash(e);
    const old = stored.get(e.uid);
    if (!old) out.set(e.uid, { sequence: 0, lastModified: now, hash });
    else if (old.hash !== hash) out.set(e.uid, { sequence: old.sequence + 1, lastModified: now, hash });
  }
  return out;
}
