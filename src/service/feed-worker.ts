import { parentPort, workerData } from 'node:worker_threads';
import { allFeeds } from '../calendar/feed-set.js';
import { servedBody, type Revision, type ServedBody } from '../calendar/feeds.js';
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

export type RenderedFeed = ServedBody & { id: string };

export function renderAllFeeds(input: FeedRenderInput): RenderedFeed[] {
  return allFeeds(parseConfig(input.config), input.rota, input.publishedAt, input.revisions).map((f) => ({ id: f.id, ...servedBody(f.body) }));
}

if (parentPort && workerData?.feedRender) {
  try {
    parentPort.postMessage({ type: 'done', feeds: renderAllFeeds(workerData.feedRender as FeedRenderInput) });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', error: (e as Error).message });
  }
}
