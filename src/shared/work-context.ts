import { AsyncLocalStorage } from 'node:async_hooks';

interface Work {
  readonly who: string;
  /** The W3C trace id of what is being done (a request's, an event's), for log lines while tracing is off. */
  readonly traceId?: string;
}

const current = new AsyncLocalStorage<Work>();

/**
 * Names the part of the process whose work `work` is (a subscription by its name, an HTTP API, a
 * timer), for everything it sets off, however asynchronous. bench:checkout uses it to tell which
 * part of the shop sends which statements. Work grouped with other callers' (a batch of appends,
 * say) counts as the work of whoever's call sent the batch. The trace id, when given, goes on the
 * log lines of the work.
 */
export function doingWorkOf<T>(who: string, work: () => T, traceId?: string): T {
  return current.run(traceId ? { who, traceId } : { who }, work);
}

/** Whose work is under way here, if anyone named it. */
export function workOf(): string | undefined {
  return current.getStore()?.who;
}

/** The trace id the work under way was given, if any. */
export function workTraceId(): string | undefined {
  return current.getStore()?.traceId;
}

/** The trace id in a W3C traceparent (`00-<trace id>-<span id>-<flags>`). */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent)?.[1] : undefined;
}
