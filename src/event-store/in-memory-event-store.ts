import { EventEmitter } from 'node:events';
import { silentLogger, type Logger } from '../shared/logger';
import { readAllInBatches, startCatchUpSubscription, type CommitOrderedLog, type LogPage } from './catch-up-subscription';
import { coalescePageReads } from './coalesced-page-reads';
import { chainHash, eventDigest } from './event-integrity';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  compareCheckpoints,
  matchesFilter,
  validateExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type CheckpointStore,
  type EventFilter,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from './event-store';

/**
 * For pure unit tests. Appends are synchronous, so commit order is position order and the
 * checkpoint's commit is the position itself.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly eventIds = new Map<string, RecordedEvent>();
  private readonly savedCheckpoints = new Map<string, Checkpoint>();
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly options: { logger?: Logger; now?: () => Date } = {},
  ) {}

  readonly checkpoints: CheckpointStore = {
    load: async (id) => this.savedCheckpoints.get(id) ?? null,
    save: async (id, checkpoint) => {
      const current = this.savedCheckpoints.get(id);
      if (!current || compareCheckpoints(checkpoint, current) > 0) this.savedCheckpoints.set(id, checkpoint);
    },
    reset: async (id, checkpoint) => {
      if (checkpoint) this.savedCheckpoints.set(id, checkpoint);
      else this.savedCheckpoints.delete(id);
    },
  };

  async headCheckpoint(): Promise<Checkpoint | null> {
    return this.log.at(-1)?.checkpoint ?? null;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateExpectedRevision(expected);
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;

    const replay = this.findIdempotentReplay(streamId, stream, events, expected);
    if (replay) return replay;

    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1) ||
      (expected === 'stream_exists' && current >= 0) ||
      expected === current;
    if (!matches) throw new WrongExpectedRevisionError(streamId, expected, current === -1 ? 'no_stream' : current);
    for (const event of events) {
      if (this.eventIds.has(event.id)) throw new DuplicateEventIdError(streamId, event.id);
    }

    let previous = stream.at(-1);
    const recordedAt = this.options.now?.() ?? new Date();
    for (const event of events) {
      const position = this.log.length + 1;
      const metadata = event.metadata ?? {};
      const hash = chainHash(previous ? Buffer.from(previous.hash, 'hex') : null, eventDigest({ ...event, metadata }));
      const recorded: RecordedEvent = {
        id: event.id,
        type: event.type,
        // A copy, as the database would keep: later changes to the caller's object must not leak in.
        data: structuredClone(event.data),
        metadata: structuredClone(metadata),
        streamId,
        revision: stream.length,
        position,
        checkpoint: { commit: position, position },
        recordedAt,
        hash: hash.toString('hex'),
        previousHash: previous?.hash ?? null,
      };
      stream.push(recorded);
      this.log.push(recorded);
      this.eventIds.set(event.id, recorded);
      previous = recorded;
    }
    this.streams.set(streamId, stream);
    this.appended.emit('appended');
    return resultOf(previous!);
  }

  /** The same events (ids and content) re-appended at the same place: succeed without writing them again. */
  private findIdempotentReplay(streamId: string, stream: RecordedEvent[], events: readonly NewEvent[], expected: AppendOptions['expectedRevision']): AppendResult | null {
    const first = this.eventIds.get(events[0]!.id);
    if (!first || first.streamId !== streamId) return null;
    const start = first.revision;
    const placeMatches = expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' ? start === 0 : expected === start - 1);
    if (!placeMatches) return null;
    const already = stream.slice(start, start + events.length);
    const sameEvent = (recorded: RecordedEvent, event: NewEvent) =>
      recorded.id === event.id &&
      recorded.hash === chainHash(recorded.previousHash ? Buffer.from(recorded.previousHash, 'hex') : null, eventDigest({ ...event, metadata: event.metadata ?? {} })).toString('hex');
    if (already.length !== events.length || already.some((recorded, i) => !sameEvent(recorded, events[i]!))) return null;
    return resultOf(already.at(-1)!);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId) ?? [];
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? stream.length - 1;
      return stream.filter((e) => e.revision <= from).reverse().slice(0, maxCount);
    }
    const from = options.fromRevision ?? 0;
    return stream.filter((e) => e.revision >= from).slice(0, maxCount);
  }

  private readonly commitOrderedLog: CommitOrderedLog = coalescePageReads({
    readPage: async (after: Checkpoint | null, filter: EventFilter | undefined, limit: number): Promise<LogPage> => {
      const start = after ? after.position : 0;
      const scanned = this.log.slice(start, start + limit);
      return {
        events: scanned.filter((event) => matchesFilter(filter, event)),
        scannedTo: scanned.at(-1)?.checkpoint ?? after,
        exhausted: scanned.length < limit,
        heldBack: false,
      };
    },
    onAppended: (listener) => {
      this.appended.on('appended', listener);
      return () => this.appended.off('appended', listener);
    },
  });

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent[]> {
    return readAllInBatches(this.commitOrderedLog, options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = startCatchUpSubscription(
      { log: this.commitOrderedLog, checkpoints: this.checkpoints, logger: this.options.logger ?? silentLogger },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}

function resultOf(last: RecordedEvent): AppendResult {
  return { nextExpectedRevision: last.revision, position: last.position, checkpoint: last.checkpoint };
}
