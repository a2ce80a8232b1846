import { describe, expect, it } from 'vitest';
import { searchOnBoth, THREAD_QUEUE } from '../../solver/two-solvers.js';

/** A search of `steps` neighbourhoods on this thread, the thread's taking `threadMs` each: what was in flight. */
async function run(steps: number, roomy: (step: number) => boolean, threadMs: number | null) {
  let here = 0;
  let inFlight = 0;
  let most = 0;
  let sent = 0;
  let done = 0;
  await searchOnBoth({
    going: () => here < steps,
    roomy: () => roomy(here),
    here: async () => {
      here++;
    },
    onThread:
      threadMs === null
        ? undefined
        : () => {
            sent++;
            most = Math.max(most, ++inFlight);
            return new Promise<void>((resolve) => setTimeout(resolve, threadMs)).then(() => {
              inFlight--;
              done++;
            });
          },
  });
  return { here, most, sent, done, inFlight };
}

describe('two solvers searching at once (solver/two-solvers.ts)', () => {
  it('keeps THREAD_QUEUE neighbourhoods sent ahead while there is room, and waits for all of them before returning', async () => {
    const r = await run(20, () => true, 5);
    expect(r.here).toBe(20);
    expect(r.most).toBe(THREAD_QUEUE);
    expect(r.sent).toBeGreaterThanOrEqual(THREAD_QUEUE);
    expect(r.done).toBe(r.sent);
    expect(r.inFlight).toBe(0);
  });

  it('sends one at a time once there is no room for more', async () => {
    const r = await run(20, () => false, 5);
    expect(r.most).toBe(1);
    expect(r.done).toBe(r.sent);
  });

  it('searches on this thread alone without a second solver', async () => {
    const r = await run(7, () => true, null);
    expect(r).toMatchObject({ here: 7, sent: 0, most: 0 });
  });
});
