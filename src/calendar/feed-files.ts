import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';
import { allFeeds } from './feed-set.js';

/** Writes OUT/ics/<personId>.ics and the team, permanence, astreinte, reunions and service feeds; returns how many. */
export function writeFeeds(config: Config, rota: Rota, dir: string, publishedAt?: string): number {
  mkdirSync(dir, { recursive: true });
  const feeds = allFeeds(config, rota, publishedAt ?? `${rota.from}T00:00:00Z`);
  for (const f of feeds) writeFileSync(join(dir, `${f.id}.ics`), f.body);
  return feeds.length;
}
