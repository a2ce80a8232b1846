/**
 * Neighbourhoods sent to the thread ahead: its answer is read only when this thread's solve ends, so with one at a
 * time it stood idle about half the window (rota, September 2027: 20 of its neighbourhoods against 38 here). With two in
 * flight a window solves 37 neighbourhoods where it solved 32 (March, June, September, five seeds each). The year
 * gains less than its runs vary: 2027 in 52 s over 27 runs 0.45–1.38 %, mean 0.90 %; one at a time, 13 runs the same
 * day, 0.50–1.72 %, mean 0.93 %. (Curtois Instance 13: both solvers busy 81 % of the time, 69 % in pairs.)
 */
export const THREAD_QUEUE = 2;

/**
 * The in-process solver answers synchronously, so a loop of its solves never lets the event loop run: the thread's
 * answer (a message) would wait until the end. A search yields once a step to let it in.
 */
export const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A search on two solvers, while `going()`: each takes a neighbourhood as soon as it is free. `here` solves one on this
 * thread (its solver blocks until it answers); `onThread` sends one to the second solver, which has THREAD_QUEUE sent
 * ahead (one when not `roomy()`: near the end, a second would wait in the thread past the time), since its answer is
 * read only between this thread's solves. Without `onThread`, this thread searches alone. Returns once every
 * neighbourhood sent has been integrated.
 */
export async function searchOnBoth(opts: { going: () => boolean; roomy: () => boolean; here: () => Promise<void>; onThread?: () => Promise<void> }): Promise<void> {
  const jobs = new Set<Promise<void>>();
  while (opts.going()) {
    while (opts.onThread && jobs.size < (opts.roomy() ? THREAD_QUEUE : 1)) {
      const job: Promise<void> = opts.onThread().finally(() => jobs.delete(job));
      jobs.add(job);
    }
    await opts.here();
    await yieldToEvents();
  }
  await Promise.all(jobs);
}
