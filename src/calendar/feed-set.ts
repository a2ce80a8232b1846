import type { Config } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import { astreinteEvents, meetingEvents, permanenceEvents, personEvents, renderFeed, type Revision } from './feeds.js';

export interface Feed {
  id: string;
  name: string;
  body: string;
}

/** Every feed of a plan: one per planned person or astreinte cadre, the teams, permanence, astreinte, meetings, the whole service. */
export function allFeeds(config: Config, rota: Rota, publishedAt: string, revisions?: Map<string, Revision>): Feed[] {
  const o = (name: string) => ({ name, publishedAt, revisions });
  const feeds: Feed[] = [];
  for (const p of config.people.filter((x) => x.planned || x.astreinte))
    feeds.push({ id: p.id, name: `Planning APMN – ${p.name}`, body: renderFeed(personEvents(config, rota, p.id), config, o(`Planning APMN – ${p.name}`)) });
  const teamMeetings = (team: 'nord' | 'sud') => (id: string) => id === team || id === 'service';
  feeds.push({ id: 'permanence', name: 'APMN – Permanence', body: renderFeed(permanenceEvents(config, rota), config, o('APMN – Permanence')) });
  feeds.push({ id: 'astreinte', name: 'APMN – Astreinte cadres', body: renderFeed(astreinteEvents(config, rota), config, o('APMN – Astreinte cadres')) });
  feeds.push({ id: 'reunions', name: 'APMN – Réunions', body: renderFeed(meetingEvents(config, rota), config, o('APMN – Réunions')) });
  feeds.push({ id: 'nord', name: 'APMN – Équipe Nord', body: renderFeed(meetingEvents(config, rota, teamMeetings('nord')), config, o('APMN – Équipe Nord')) });
  feeds.push({ id: 'sud', name: 'APMN – Équipe Sud', body: renderFeed(meetingEvents(config, rota, teamMeetings('sud')), config, o('APMN – Équipe Sud')) });
  feeds.push({
    id: 'service',
    name: 'APMN – Service',
    body: renderFeed([...permanenceEvents(config, rota), ...astreinteEvents(config, rota), ...meetingEvents(config, rota)], config, o('APMN – Service')),
  });
  return feeds;
}
