import type { EventFilter, EventStore, RecordedEvent, RetryPolicy, Subscription, SubscriptionStatus } from '../event-store/event-store';
import type { CommandContext } from '../commands/command-handler';
import type { Logger } from '../shared/logger';

/**
 * A process manager: reacts to events, one at a time, in the order of the log, by issuing commands
 * and side effects. Handling an event again must change nothing: the commands it causes carry ids
 * derived from the event (see causedBy), and side effects go through ledgers of their own.
 */
export interface ProcessManager {
  readonly name: string;
  readonly filter: EventFilter;
  /** How hard to retry a failing event before stopping (and showing it on /health). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Events with the same key are handled one after another, in log order; events with different
   * keys side by side (an order's events in order, different orders at once). Absent: one by one.
   */
  partitionKey?(event: RecordedEvent): string;
  handle(event: RecordedEvent): Promise<void>;
}

/** How many partitions of a batch are handled at once. */
const parallelPartitions = 8;

/** Handles a batch: per partition in order, partitions side by side, a few at a time. */
async function handleBatch(manager: ProcessManager, events: readonly RecordedEvent[]): Promise<void> {
  if (!manager.partitionKey) {
    for (const event of events) await manager.handle(event);
    return;
  }
  const partitions = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = manager.partitionKey(event);
    partitions.set(key, [...(partitions.get(key) ?? []), event]);
  }
  const queue = [...partitions.values()];
  const worker = async () => {
    for (let partition = queue.shift(); partition; partition = queue.shift()) {
      for (const event of partition) await manager.handle(event);
    }
  };
  // A failure fails the batch, which is retried whole: handling again changes nothing.
  await Promise.all(Array.from({ length: Math.min(parallelPartitions, queue.length) }, worker));
}

/** A text field of an event's data; an event without it is not the event the process thinks it is. */
export function textField(event: RecordedEvent, name: string): string {
  const value = event.data[name];
  if (typeof value !== 'string') throw new TypeError(`${event.type} ${event.id} has no text field ${name}`);
  return value;
}

/** The context of a command a process issues because of an event: ids derived from the event and the step. */
export function causedBy(event: RecordedEvent, process: string, step: string, now: Date): CommandContext {
  return {
    now,
    actor: { id: process, role: 'system' },
    correlationId: event.metadata.correlationId ?? event.id,
    causationId: event.id,
    idempotencyKey: `${event.id}:${process}:${step}`,
    ...(event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {}),
  };
}

export class ProcessRunner {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly logger: Logger,
  ) {}

  start(managers: readonly ProcessManager[]): void {
    for (const manager of managers) {
      this.subscriptions.set(
        manager.name,
        this.eventStore.subscribe({
          subscriptionId: manager.name,
          filter: manager.filter,
          batchSize: 100,
          retry: { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 10_000, ...manager.retry },
          handle: (events) => handleBatch(manager, events),
        }),
      );
      this.logger.debug('process manager started', { process: manager.name });
    }
  }

  status(): (SubscriptionStatus & { name: string })[] {
    return [...this.subscriptions].map(([name, subscription]) => ({ ...subscription.status(), name }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.stop()));
  }
}
