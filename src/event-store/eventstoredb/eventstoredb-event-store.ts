import { BACKWARDS, END, EventStoreDBClient, FORWARDS, jsonEvent, START, StreamNotFoundError, streamNameFilter, WrongExpectedVersionError, type ResolvedEvent, type StreamSubscription } from '@eventstore/db-client';
import { silentLogger, type Logger } from '../../shared/logger';
import { readAllInBatches, startCatchUpSubscription, type CommitOrderedLog, type LogPage } from '../catch-up-subscription';
import { coalescePageReads } from '../coalesced-page-reads';
import { chainHash, eventDigest } from '../event-integrity';
import {
  DuplicateEventIdError,
  matchesFilter,
  validateExpectedRevision,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type CheckpointStore,
  type EventFilter,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store';

/**
 * The event store on EventStoreDB, through @eventstore/db-client.
 *
 * - Each event's metadata is our envelope plus `$hash`/`$previousHash` (the per-stream hash chain,
 *   computed here as for PostgreSQL) and `$correlationId`/`$causationId` (which EventStoreDB's own
 *   by-correlation projections read). `$` keys are stripped on the way back.
 * - Idempotent appends, as the port promises, without relying on EventStoreDB's short
 *   deduplication window: a conflicting append reads the stream where it meant to write, and
 *   succeeds if the same ids with the same content are there already.
 * - Event ids are unique across the store, as the port promises, by a claim per id (a stream
 *   `<ns>emporium-event-id-<id>` created with `no_stream`) before the events are written: an id
 *   claimed for another stream is refused.
 * - Subscriptions and readAll page through $all (the client's readAll takes no server-side
 *   filter, so pages are filtered here); a filtered $all subscription from the end wakes them when
 *   something they want is appended, and is re-established after the server goes away. Their
 *   checkpoints are streams too (`<ns>emporium-checkpoint-<id>`), or the handler's own.
 * - `namespace` prefixes every stream this store writes and hides every other: several stores (a
 *   test each, or several shops) share one server without seeing one another.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  private readonly subscriptions = new Set<Subscription>();
  private readonly listeners = new Set<() => void>();
  private wakeUp: StreamSubscription | null = null;
  private wakeUpRetry: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly logger: Logger;
  private readonly namespace: string;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions & { ownsClient?: boolean } = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.namespace = options.namespace ?? '';
    this.ownsClient = options.ownsClient ?? false;
    this.checkpoints = options.checkpoints ?? new EventStoreDbCheckpointStore(this);
  }

  private readonly ownsClient: boolean;

  static connect(url: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), { ...options, ownsClient: true });
  }

  /** The stream's name on the server. */
  serverStream(streamId: string): string {
    return this.namespace + streamId;
  }

  private ourStream(serverStream: string): string | null {
    if (!serverStream.startsWith(this.namespace)) return null;
    const streamId = serverStream.slice(this.namespace.length);
    return internalPrefixes.some((prefix) => streamId.startsWith(prefix)) || streamId.startsWith('$') ? null : streamId;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateExpectedRevision(expected);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    // Bookkeeping streams (checkpoints) write fresh ids that nobody retries: no claims needed.
    const internal = internalPrefixes.some((prefix) => streamId.startsWith(prefix));
    const seenBefore = internal ? false : await this.claimIds(streamId, events);
    for (let attempt = 1; ; attempt++) {
      const tail = await this.lastEvent(streamId);
      // Only ids seen before can be a retry of an append that got through.
      const already = seenBefore ? await this.sameEventsThere(streamId, events, expected, tail) : null;
      if (already) return already;
      const current = tail ? tail.revision : 'no_stream';
      if (expected === 'no_stream' && tail) throw new WrongExpectedRevisionError(streamId, expected, current);
      if (expected === 'stream_exists' && !tail) throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
      if (typeof expected === 'number' && current !== expected) throw new WrongExpectedRevisionError(streamId, expected, current);
      // Appended exactly after the tail whose hash it chains to; a writer that got there first makes us read again.
      const chained = this.chained(events, tail?.hash ?? null);
      try {
        const result = await this.client.appendToStream(this.serverStream(streamId), chained, { expectedRevision: tail ? BigInt(tail.revision) : 'no_stream' });
        const position = toCheckpoint(result.position);
        return { nextExpectedRevision: Number(result.nextExpectedRevision), position: position.position, checkpoint: position };
      } catch (error) {
        // Another writer got there first: read the tail again (a fixed expectation is then judged above).
        if (!(error instanceof WrongExpectedVersionError) || attempt > 50) throw error;
      }
    }
  }

  /** Claims each event id for this stream; an id claimed for another stream is a duplicate. True when one was claimed before (a retry, maybe). */
  private async claimIds(streamId: string, events: readonly NewEvent[]): Promise<boolean> {
    const claimedBefore = await Promise.all(
      events.map(async (event) => {
        const claim = this.serverStream(`${idClaimPrefix}${event.id}`);
        try {
          await this.client.appendToStream(claim, jsonEvent({ type: 'EventIdClaimed', data: { streamId } }), { expectedRevision: 'no_stream' });
          return false;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          const [claimed] = await this.read(claim, { maxCount: 1 });
          if (claimed?.data.streamId !== streamId) throw new DuplicateEventIdError(streamId, event.id);
          return true;
        }
      }),
    );
    return claimedBefore.some(Boolean);
  }

  /**
   * A retry of an append that got through: the same ids, with the same content, where this append
   * would have put them (after the expected revision, or at the end of the stream for any).
   */
  private async sameEventsThere(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, tail: RecordedEvent | null): Promise<AppendResult | null> {
    if (!tail) return null;
    const from = typeof expected === 'number' ? expected + 1 : expected === 'no_stream' ? 0 : tail.revision - events.length + 1;
    if (from < 0) return null;
    const there = await this.readStream(streamId, { fromRevision: from, maxCount: events.length });
    const sameIds = there.length === events.length && there.every((event, i) => event.id === events[i]!.id);
    if (!sameIds) {
      // An id of this batch already in this stream, elsewhere: not a retry.
      if (typeof expected === 'number' || expected === 'no_stream') {
        const ids = new Set(events.map((event) => event.id));
        const clash = (await this.readStream(streamId)).find((event) => ids.has(event.id));
        if (clash) throw new DuplicateEventIdError(streamId, clash.id);
      }
      return null;
    }
    const sameContent = there.every((event, i) => eventDigest(event).equals(eventDigest({ ...events[i]!, metadata: events[i]!.metadata ?? {} })));
    if (!sameContent) throw new DuplicateEventIdError(streamId, events[0]!.id);
    const last = there.at(-1)!;
    return { nextExpectedRevision: last.revision, position: last.position, checkpoint: last.checkpoint };
  }

  private chained(events: readonly NewEvent[], previous: string | null) {
    let previousHash = previous;
    return events.map((event) => {
      const metadata = event.metadata ?? {};
      const hash = chainHash(previousHash ? Buffer.from(previousHash, 'hex') : null, eventDigest({ ...event, metadata })).toString('hex');
      const stored = { ...metadata, $hash: hash, $previousHash: previousHash, ...(metadata.correlationId ? { $correlationId: metadata.correlationId } : {}), ...(metadata.causationId ? { $causationId: metadata.causationId } : {}) };
      previousHash = hash;
      return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: stored });
    });
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | null> {
    return (await this.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0] ?? null;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    return this.read(this.serverStream(streamId), {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
  }

  private async read(serverStream: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(serverStream, options)) {
        const event = this.toRecorded(resolved, { keepInternal: true });
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  private toRecorded(resolved: ResolvedEvent, options: { keepInternal?: boolean } = {}): RecordedEvent | null {
    const event = resolved.event;
    if (!event || !event.isJson || !event.position) return null;
    const streamId = options.keepInternal ? event.streamId.slice(this.namespace.length) : this.ourStream(event.streamId);
    if (streamId === null || !event.streamId.startsWith(this.namespace)) return null;
    const stored = (event.metadata ?? {}) as Record<string, unknown>;
    const metadata = Object.fromEntries(Object.entries(stored).filter(([key]) => !key.startsWith('$'))) as EventMetadata;
    const checkpoint = toCheckpoint(event.position);
    return {
      id: event.id,
      type: event.type,
      data: event.data as JsonObject,
      metadata,
      streamId,
      revision: Number(event.revision),
      position: checkpoint.position,
      checkpoint,
      recordedAt: event.created,
      hash: typeof stored.$hash === 'string' ? stored.$hash : '',
      previousHash: typeof stored.$previousHash === 'string' ? stored.$previousHash : null,
    };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return readAllInBatches(this.log, options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = startCatchUpSubscription({ log: this.log, checkpoints: this.checkpoints, logger: this.logger }, options);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headCheckpoint(): Promise<Checkpoint | null> {
    let from: typeof END | { commit: bigint; prepare: bigint } = END;
    for (;;) {
      const page: ResolvedEvent[] = [];
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 200 })) page.push(resolved);
      for (const resolved of page) {
        const event = this.toRecorded(resolved);
        if (event) return event.checkpoint;
      }
      const last = page.at(-1)?.event?.position;
      if (page.length < 200 || !last) return null;
      from = last;
    }
  }

  /** The log as the shared catch-up subscription reads it: pages of $all, filtered here, after a checkpoint. */
  private readonly log: CommitOrderedLog = coalescePageReads({
    readPage: async (after: Checkpoint | null, filter: EventFilter | undefined, limit: number): Promise<LogPage> => {
      const events: RecordedEvent[] = [];
      let scannedTo = after;
      // Forwards reads of $all include the position they start from: it is skipped.
      let from: typeof START | { commit: bigint; prepare: bigint } = after ? { commit: BigInt(after.commit), prepare: BigInt(after.position) } : START;
      // $all holds every other kind of event, and other namespaces' too: pages of at least a few
      // hundred, so that a sparse filter is not a round trip per handful of events.
      const rawPage = Math.max(limit + 1, 256);
      for (;;) {
        const raw: ResolvedEvent[] = [];
        for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: rawPage })) raw.push(resolved);
        let scannedAny = false;
        for (const resolved of raw) {
          const position = resolved.event?.position;
          if (!position) continue;
          const checkpoint = toCheckpoint(position);
          if (scannedTo && checkpoint.commit <= scannedTo.commit && checkpoint.position <= scannedTo.position) continue;
          scannedAny = true;
          scannedTo = checkpoint;
          const event = this.toRecorded(resolved);
          if (event && matchesFilter(filter, event)) events.push(event);
          if (events.length === limit) return { events, scannedTo, exhausted: false, heldBack: false };
        }
        if (raw.length < rawPage || !scannedAny) return { events, scannedTo, exhausted: true, heldBack: false };
        from = raw.at(-1)!.event!.position!;
      }
    },
    onAppended: (listener) => {
      this.listeners.add(listener);
      this.ensureWakeUps();
      return () => this.listeners.delete(listener);
    },
  });

  /** A live subscription to what this store writes, only to wake its subscriptions; re-made if the server goes away. */
  private ensureWakeUps(): void {
    if (this.wakeUp || this.closed || this.listeners.size === 0) return;
    const subscription = this.client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [this.namespace || ''] }) });
    this.wakeUp = subscription;
    subscription.on('data', () => {
      for (const listener of this.listeners) listener();
    });
    subscription.on('error', (error: Error) => {
      if (this.closed) return;
      this.logger.warn('lost the EventStoreDB wake-up subscription; subscriptions poll meanwhile', { error: error.message });
      this.wakeUp = null;
      this.wakeUpRetry ??= setTimeout(() => {
        this.wakeUpRetry = null;
        this.ensureWakeUps();
        // Something may have been written while it was down.
        for (const listener of this.listeners) listener();
      }, 500);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.wakeUpRetry) clearTimeout(this.wakeUpRetry);
    await this.wakeUp?.unsubscribe().catch(() => undefined);
    if (this.ownsClient) await this.client.dispose();
  }
}

export interface EventStoreDbOptions {
  readonly logger?: Logger;
  readonly namespace?: string;
  /**
   * Where subscriptions keep their progress; default: checkpoint streams in EventStoreDB. The app
   * keeps them in PostgreSQL, beside the read models they describe (reporting saves its own there,
   * in the transaction of its writes).
   */
  readonly checkpoints?: CheckpointStore;
}

const idClaimPrefix = 'emporium-event-id-';
const checkpointPrefix = 'emporium-checkpoint-';
/** Streams of this adapter's own bookkeeping, never shown as events of the shop. */
const internalPrefixes = [idClaimPrefix, checkpointPrefix];

/** EventStoreDB's commit and prepare positions, as our checkpoint (commit first, then position). */
function toCheckpoint(position: { commit: bigint; prepare: bigint } | undefined): Checkpoint {
  if (!position) throw new Error('EventStoreDB answered without a position');
  return { commit: Number(position.commit), position: Number(position.prepare) };
}

/** Checkpoints as the last event of a stream per subscription: saved forwards only, reset to anything. */
class EventStoreDbCheckpointStore implements CheckpointStore {
  constructor(private readonly store: EventStoreDbEventStore) {}

  async load(subscriptionId: string): Promise<Checkpoint | null> {
    const [last] = await this.store.readStream(`${checkpointPrefix}${subscriptionId}`, { direction: 'backwards', maxCount: 1 });
    const checkpoint = last?.data.checkpoint as { commit: number; position: number } | null | undefined;
    return checkpoint ? { commit: checkpoint.commit, position: checkpoint.position } : null;
  }

  async save(subscriptionId: string, checkpoint: Checkpoint): Promise<void> {
    const current = await this.load(subscriptionId);
    if (current && (current.commit > checkpoint.commit || (current.commit === checkpoint.commit && current.position >= checkpoint.position))) return;
    await this.reset(subscriptionId, checkpoint);
  }

  async reset(subscriptionId: string, checkpoint: Checkpoint | null): Promise<void> {
    await this.store.appendToStream(`${checkpointPrefix}${subscriptionId}`, [{ id: crypto.randomUUID(), type: 'CheckpointSaved', data: { checkpoint: checkpoint ? { commit: checkpoint.commit, position: checkpoint.position } : null } }], { expectedRevision: 'any' });
  }
}

