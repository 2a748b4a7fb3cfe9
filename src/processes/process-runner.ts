import { eventsParked } from '../observability/metrics';
import type { Checkpoint, EventFilter, EventStore, RecordedEvent, RetryPolicy, Subscription, SubscriptionStatus } from '../event-store/event-store';
import type { CommandContext } from '../commands/command-handler';
import type { Logger } from '../shared/logger';
import { handleWithRetry } from './handle-with-retry';
import type { ParkedEventStore } from './parked-events';

/**
 * What a process manager reads of an event: the same whether it came from the event store's
 * subscription or, as an integration event, from Kafka (see integration/to-process-input.ts).
 * Its id is the domain event's id either way, so the commands it causes get the same ids.
 */
export type ProcessInput = Pick<RecordedEvent, 'id' | 'type' | 'data' | 'metadata' | 'streamId'>;

/**
 * A process manager: reacts to events, one at a time, in the order of the log, by issuing commands
 * and side effects. Handling an event again must change nothing: the commands it causes carry ids
 * derived from the event (see causedBy), and side effects go through ledgers of their own.
 */
export interface ProcessManager {
  readonly name: string;
  readonly filter: EventFilter;
  /** How hard to retry an event that keeps failing (not for an outage) before parking it. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Events with the same key are handled one after another, in log order; events with different
   * keys side by side (an order's events in order, different orders at once). Absent: one by one.
   */
  partitionKey?(event: ProcessInput): string;
  handle(event: ProcessInput): Promise<void>;
}

/** How many partitions of a batch are handled at once. */
const parallelPartitions = 8;


/** What a retry of a parked event came to. */
export interface ParkedRetryOutcome {
  /** Events of the partition handled now, in log order. */
  readonly handled: readonly string[];
  /** Still parked: the one that failed again, and those waiting behind it. */
  readonly stillParked: number;
  readonly error?: string;
}

/** A text field of an event's data; an event without it is not the event the process thinks it is. */
export function textField(event: ProcessInput, name: string): string {
  const value = event.data[name];
  if (typeof value !== 'string') throw new TypeError(`${event.type} ${event.id} has no text field ${name}`);
  return value;
}

/** The context of a command a process issues because of an event: ids derived from the event and the step. */
export function causedBy(event: ProcessInput, process: string, step: string, now: Date): CommandContext {
  return {
    now,
    actor: { id: process, role: 'system' },
    correlationId: event.metadata.correlationId ?? event.id,
    causationId: event.id,
    idempotencyKey: `${event.id}:${process}:${step}`,
    ...(event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {}),
  };
}

/**
 * Runs process managers, each as a subscription. An event whose handling keeps failing, for any
 * reason but an outage, is parked (ParkedEventStore: the error, the attempts, its position) and the
 * manager goes on with the rest: one bad event must not stop the shop. Later events of its
 * partition (the same order) are parked behind it, since handling them first would break the order
 * they must be handled in. An operator lists parked events and retries them once the cause is
 * fixed (retryParked); the partition then resumes. Outages are retried for as long as they last.
 */
export class ProcessRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly managers = new Map<string, ProcessManager>();
  /** Per manager, the partitions waiting behind a parked event. */
  private readonly blocked = new Map<string, Set<string>>();
  /** One partition is worked on by one thing at a time: the live handling or an operator's retry. */
  private readonly partitionLocks = new Map<string, Promise<unknown>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly eventStore: EventStore,
    private readonly parked: ParkedEventStore,
    private readonly logger: Logger,
  ) {}

  async start(managers: readonly ProcessManager[]): Promise<void> {
    for (const manager of managers) {
      this.managers.set(manager.name, manager);
      this.blocked.set(manager.name, await this.parked.blockedPartitions(manager.name));
      this.subscriptions.set(
        manager.name,
        this.eventStore.subscribe({
          subscriptionId: manager.name,
          filter: manager.filter,
          batchSize: 100,
          // A batch fails only when parking itself fails (the database is down): try again until it works.
          retry: { maxAttempts: Number.MAX_SAFE_INTEGER, initialDelayMs: 200, maxDelayMs: 10_000 },
          handle: (events) => this.handleBatch(manager, events),
        }),
      );
      this.logger.debug('process manager started', { process: manager.name });
    }
  }

  /** Handles a batch: per partition in order, partitions side by side, a few at a time. */
  private async handleBatch(manager: ProcessManager, events: readonly RecordedEvent[]): Promise<void> {
    const partitions = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const key = this.partitionOf(manager, event);
      partitions.set(key, [...(partitions.get(key) ?? []), event]);
    }
    const queue = [...partitions];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, partition] = next;
        await this.inPartition(manager.name, key, async () => {
          for (const event of partition) await this.handleOrPark(manager, key, event);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(manager.partitionKey ? parallelPartitions : 1, queue.length) }, worker));
  }

  /** An event whose partition key cannot be read (a malformed event) is a partition of its own. */
  private partitionOf(manager: ProcessManager, event: RecordedEvent): string {
    if (!manager.partitionKey) return '';
    try {
      return manager.partitionKey(event);
    } catch {
      return `unreadable:${event.id}`;
    }
  }

  private async handleOrPark(manager: ProcessManager, key: string, event: RecordedEvent): Promise<void> {
    const blocked = this.blocked.get(manager.name)!;
    if (blocked.has(key)) {
      await this.parked.park({ process: manager.name, event, partitionKey: key, reason: 'waiting', error: null, attempts: 0 });
      eventsParked.inc({ process: manager.name, reason: 'waiting' });
      return;
    }
    const outcome = await handleWithRetry(manager, event, { logger: this.logger, stopping: this.stopping.signal, sleep: (ms) => this.sleep(ms) });
    if (outcome.handled) return;
    await this.parked.park({ process: manager.name, event, partitionKey: key, reason: 'failed', error: outcome.error, attempts: outcome.attempts });
    eventsParked.inc({ process: manager.name, reason: 'failed' });
    blocked.add(key);
    this.logger.error('event parked: its handling kept failing; the process goes on with other events', {
      process: manager.name,
      event: { id: event.id, type: event.type, streamId: event.streamId, position: event.position },
      partitionKey: key,
      attempts: outcome.attempts,
      error: outcome.error,
    });
  }

  /**
   * Tries a parked event's partition again, in log order, from its first parked event: each one
   * handled is resolved; the first that fails again stays parked (the rest wait behind it).
   */
  async retryParked(id: string, now: Date): Promise<ParkedRetryOutcome | null> {
    const entry = await this.parked.get(id);
    if (!entry) return null;
    const manager = this.managers.get(entry.process);
    if (!manager) throw new Error(`No process manager named ${entry.process} runs here`);
    return this.inPartition(manager.name, entry.partitionKey, async () => {
      const open = await this.parked.openInPartition(manager.name, entry.partitionKey);
      const handled: string[] = [];
      for (const [index, parkedEvent] of open.entries()) {
        const event = (await this.eventStore.readStream(parkedEvent.streamId)).find((candidate) => candidate.id === parkedEvent.eventId);
        try {
          if (!event) throw new Error(`Event ${parkedEvent.eventId} is no longer in stream ${parkedEvent.streamId}`);
          await manager.handle(event);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await this.parked.failedAgain(parkedEvent.id, message, now);
          this.logger.warn('a parked event failed again', { process: manager.name, eventId: parkedEvent.eventId, error });
          return { handled, stillParked: open.length - index, error: message };
        }
        await this.parked.resolve(parkedEvent.id, now);
        handled.push(parkedEvent.eventId);
      }
      this.blocked.get(manager.name)!.delete(entry.partitionKey);
      this.logger.info('parked events handled', { process: manager.name, partitionKey: entry.partitionKey, events: handled.length });
      return { handled, stillParked: 0 };
    });
  }

  private async inPartition<T>(process: string, key: string, work: () => Promise<T>): Promise<T> {
    const lockKey = `${process}\u0000${key}`;
    const before = this.partitionLocks.get(lockKey) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.partitionLocks.set(lockKey, mine);
    try {
      return await mine;
    } finally {
      if (this.partitionLocks.get(lockKey) === mine) this.partitionLocks.delete(lockKey);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  status(): (SubscriptionStatus & { name: string })[] {
    return [...this.subscriptions].map(([name, subscription]) => ({ ...subscription.status(), name }));
  }

  /** Resolves true once every process manager run here has handled (or scanned past) the checkpoint. */
  async waitFor(checkpoint: Checkpoint, timeoutMs: number): Promise<boolean> {
    const reached = await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.waitFor(checkpoint, timeoutMs)));
    return reached.every(Boolean);
  }

  /** Open parked events per process. */
  parkedCounts(): Promise<Record<string, number>> {
    return this.parked.counts();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.stop()));
  }
}
