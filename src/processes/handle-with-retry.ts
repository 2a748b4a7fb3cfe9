import type { RetryPolicy } from '../event-store/event-store';
import { inSpan, SpanKind } from '../observability/tracing';
import { backoffDelay } from '../shared/delay';
import { doingWorkOf, traceIdOf, workOf } from '../shared/work-context';
import type { Logger } from '../shared/logger';
import { isTransient } from '../shared/transient-errors';
import type { ProcessInput, ProcessManager } from './process-runner';

/** How an event that keeps failing for a reason other than an outage is retried before it is given up on. */
const defaultPoisonRetry: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };
/** Outages (a database restarting, a mail server down) are waited out, as long as they last. */
const outageBackoff = { initialDelayMs: 200, maxDelayMs: 30_000 };

export type HandlingOutcome = { readonly handled: true } | { readonly handled: false; readonly error: string; readonly attempts: number };

/**
 * Handles one event, retrying with backoff: an outage for as long as it lasts (it is not the
 * event's fault), any other failure up to the manager's retry policy, after which the caller parks
 * the event (in PostgreSQL, or on Kafka's dead-letter topic). Stopping ends the waits.
 */
export function handleWithRetry(manager: ProcessManager, event: ProcessInput, options: { logger: Logger; stopping: AbortSignal; sleep: (ms: number) => Promise<void> }): Promise<HandlingOutcome> {
  // In the trace of the command that wrote the event (or of the message that told of it): what
  // the manager does about it continues that trace.
  return inSpan(
    `${manager.name} ${event.type}`,
    { kind: SpanKind.CONSUMER, ...(event.metadata.traceparent ? { parent: event.metadata.traceparent } : {}), attributes: { 'emporium.process': manager.name, 'emporium.event_id': event.id, 'emporium.event_type': event.type, 'emporium.stream_id': event.streamId } },
    () => doingWorkOf(workOf() ?? manager.name, () => handleUntilDone(manager, event, options), traceIdOf(event.metadata.traceparent)),
  );
}

async function handleUntilDone(manager: ProcessManager, event: ProcessInput, options: { logger: Logger; stopping: AbortSignal; sleep: (ms: number) => Promise<void> }): Promise<HandlingOutcome> {
  const { logger, stopping, sleep } = options;
  const policy = { ...defaultPoisonRetry, ...manager.retry };
  for (let attempt = 1, outages = 0; ; attempt++) {
    try {
      await manager.handle(event);
      return { handled: true };
    } catch (error) {
      if (stopping.aborted) throw error;
      if (isTransient(error)) {
        outages++;
        attempt--;
        const wait = backoffDelay(outages, outageBackoff.initialDelayMs, manager.retry?.maxDelayMs ?? outageBackoff.maxDelayMs);
        logger.warn('process manager waits out an outage', { process: manager.name, eventId: event.id, error, retryInMs: wait });
        await sleep(wait);
        continue;
      }
      if (attempt >= policy.maxAttempts) return { handled: false, error: error instanceof Error ? error.message : String(error), attempts: attempt };
      const wait = backoffDelay(attempt, policy.initialDelayMs, policy.maxDelayMs);
      logger.warn('process manager failed to handle an event, retrying', { process: manager.name, eventId: event.id, error, attempt, retryInMs: wait });
      await sleep(wait);
    }
  }
}
