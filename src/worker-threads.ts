import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts a TypeScript worker: the tsx loader is registered inside it, since workers do not inherit it. */
export function startWorker(file: URL, workerData: unknown, resourceLimits?: WorkerOptions['resourceLimits']): Worker {
  const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}
