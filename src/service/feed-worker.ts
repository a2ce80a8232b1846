import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { allFeeds } from '../calendar/feed-set.js';
import { etagOf, type Revision } from '../calendar/feeds.js';
import { parseConfig, type ConfigInput } from '../domain/config.js';
import type { Rota } from '../domain/rota.js';

/**
 * Renders every feed off the server's event loop: a year of feeds takes seconds of CPU (most of it in the iCal
 * library's line folding), during which the server would answer nothing.
 */
export interface FeedRenderInput {
  config: ConfigInput;
  rota: Rota;
  publishedAt: string;
  revisions: Map<string, Revision>;
}

export type RenderedFeed = { id: string; body: string; gzip: Buffer; etag: string };

export function renderAllFeeds(input: FeedRenderInput): RenderedFeed[] {
  return allFeeds(parseConfig(input.config), input.rota, input.publishedAt, input.revisions).map((f) => ({ id: f.id, body: f.body, gzip: gzipSync(f.body), etag: etagOf(f.body) }));
}

if (parentPort && workerData?.feedRender) {
  try {
    parentPort.postMessage({ type: 'done', feeds: renderAllFeeds(workerData.feedRender as FeedRenderInput) });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', error: (e as Error).message });
  }
}
