import { describe, expect, it } from 'vitest';
import { StampCache } from '../../src/storage/store.js';

describe('the cache of planning stamps', () => {
  it('answers from memory until a write, then reads again', async () => {
    const cache = new StampCache(60_000);
    let reads = 0;
    let version = 1;
    const read = () => ({ version: (reads++, version), updatedAt: 't' });
    expect((await cache.get('p', read))?.version).toBe(1);
    expect((await cache.get('p', read))?.version).toBe(1);
    expect(reads).toBe(1);
    version = 2;
    cache.invalidate();
    expect((await cache.get('p', read))?.version).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a read that a write overlapped', async () => {
    const cache = new StampCache(60_000);
    let version = 1;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The read sees the old row, the write commits before the read returns.
    const slow = cache.get('p', async () => {
      const seen = version;
      await gate;
      return { version: seen, updatedAt: 't' };
    });
    version = 2;
    cache.invalidate();
    release();
    expect((await slow)?.version).toBe(1);
    expect((await cache.get('p', () => ({ version, updatedAt: 't' })))?.version).toBe(2);
  });

  it('forgets after its time to live (a write made by another server)', async () => {
    const cache = new StampCache(5);
    let version = 1;
    await cache.get('p', () => ({ version, updatedAt: 't' }));
    version = 2;
    await new Promise((r) => setTimeout(r, 20));
    expect((await cache.get('p', () => ({ version, updatedAt: 't' })))?.version).toBe(2);
  });
});
