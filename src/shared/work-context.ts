import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/**
 * Names the part of the process whose work `work` is (a subscription by its name, an HTTP API, a
 * timer), for everything it sets off, however asynchronous. bench:checkout uses it to tell which
 * part of the shop sends which statements. Work grouped with other callers' (a batch of appends,
 * say) counts as the work of whoever's call sent the batch.
 */
export function doingWorkOf<T>(who: string, work: () => T): T {
  return current.run(who, work);
}

/** Whose work is under way here, if anyone named it. */
export function workOf(): string | undefined {
  return current.getStore();
}
