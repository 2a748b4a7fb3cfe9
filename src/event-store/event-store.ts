/**
 * The event store port: streams of events appended under optimistic concurrency, read back per
 * stream or as one global log, and followed by durable catch-up subscriptions.
 *
 * Adapters: PostgresEventStore (embedded profile, and the reference for the contract suite),
 * InMemoryEventStore (pure unit tests only).
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who caused an event: a user, a staff member, or one of our own processes. */
export interface Actor {
  readonly id: string;
  readonly role: string;
  /** For the `vendor` role: the vendor the account acts for (what it may touch, and on whose behalf it acted). */
  readonly vendorId?: string;
}

/**
 * The envelope fields every event may carry (ARCHITECTURE.md, "Event envelope"). All optional at
 * this level: the command side fills them in; the store only keeps them.
 */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly occurredAt?: string;
  readonly schemaVersion?: number;
  readonly traceparent?: string;
  readonly [key: string]: JsonValue | Actor | undefined;
}

export interface NewEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  /** A UUID. Re-appending an event with the same id is how retries stay idempotent. */
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: EventMetadata;
}

/**
 * Where a subscriber stands in the global log: it has seen every event up to and including this
 * point. Ordered by `commit`, then `position` (see compareCheckpoints). `commit` is the adapter's
 * commit-order key (the writing transaction's id in PostgreSQL), `position` the event's global
 * sequence number.
 */
export interface Checkpoint {
  readonly commit: number;
  readonly position: number;
}

export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  readonly id: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly streamId: string;
  /** 0-based, gapless per stream. */
  readonly revision: number;
  /** Global sequence number: unique, increasing in append order, may have gaps. */
  readonly position: number;
  /** The checkpoint a subscriber has reached once it has handled this event. */
  readonly checkpoint: Checkpoint;
  readonly recordedAt: Date;
  /** Hex SHA-256 chaining this event to the previous one of its stream (see event-integrity.ts). */
  readonly hash: string;
  /** The hash of the previous event in the stream; null for the first event. */
  readonly previousHash: string | null;
}

/**
 * What the writer believes about the stream: it does not exist yet, it exists, anything goes, or
 * its last event has exactly this revision.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event: pass it as expectedRevision for the next append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
  /** The checkpoint a subscriber reaches once it has seen this append (for read-your-writes). */
  readonly checkpoint: Checkpoint;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default: the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events after this checkpoint. Default: from the first event. */
  readonly after?: Checkpoint | null;
  readonly batchSize?: number;
  readonly filter?: EventFilter;
}

/** An event matches when its stream starts with one of the prefixes and its type is one of the types. */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface BatchContext {
  /** Save this (or let the store save it) once the batch's effects are durable. */
  readonly checkpoint: Checkpoint;
}

export type BatchHandler = (events: readonly RecordedEvent[], context: BatchContext) => Promise<void>;

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface SubscribeOptions {
  /** Names the durable checkpoint; a subscription started again with this id resumes from it. */
  readonly subscriptionId: string;
  readonly filter?: EventFilter;
  readonly batchSize?: number;
  readonly handle: BatchHandler;
  /**
   * 'store' (default): the subscription saves the checkpoint in the store every few moments
   * (checkpointSaveIntervalMs) and on stopping; a crash redelivers what was handled since.
   * 'handler': the handler saves `context.checkpoint` itself, typically in the same database
   * transaction as its own writes (PostgresCheckpointStore.claim, in the transaction), so
   * its effects and its progress commit together. The store then only reads the checkpoint.
   */
  readonly checkpointing?: 'store' | 'handler';
  /** A failing batch is retried with exponential backoff, then the subscription stops as failed. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * How often to look for new events when no wake-up arrives (default 5 s). Appends wake
   * subscriptions at once, in this process and others, so this is only a safety net.
   */
  readonly pollIntervalMs?: number;
  /**
   * While live, read the log at most once per this many milliseconds (default 0: at every
   * wake-up), so that each batch takes in what was appended meanwhile: for a consumer nobody waits
   * on at every append (a report), fewer and larger batches. Someone waiting for it (waitFor) or
   * stopping it cuts the wait short.
   */
  readonly gatherMs?: number;
}

export type SubscriptionState = 'starting' | 'catching-up' | 'live' | 'failed' | 'stopped';

export interface SubscriptionStatus {
  readonly subscriptionId: string;
  readonly state: SubscriptionState;
  /** Last checkpoint handled (or scanned past), null before the first event. */
  readonly checkpoint: Checkpoint | null;
  /** When the last event it handled was recorded: how old its view is while it is behind. */
  readonly lastEventRecordedAt?: Date;
  readonly failure?: { readonly message: string; readonly event?: { id: string; streamId: string; revision: number; type: string } };
}

export interface Subscription {
  readonly subscriptionId: string;
  status(): SubscriptionStatus;
  /** Resolves once the subscription has handled (or scanned past) this checkpoint. */
  waitFor(checkpoint: Checkpoint, timeoutMs: number): Promise<boolean>;
  /** Stops after the batch in hand; resolves when the subscription has stopped. */
  stop(): Promise<void>;
}

export interface CheckpointStore {
  load(subscriptionId: string): Promise<Checkpoint | null>;
  /** Moves the checkpoint forwards; never backwards. */
  save(subscriptionId: string, checkpoint: Checkpoint): Promise<void>;
  /** Sets the checkpoint to exactly this, backwards too (a projection swapped to a rebuild), or forgets it (null). */
  reset(subscriptionId: string, checkpoint: Checkpoint | null): Promise<void>;
}

export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in commit order, in batches, up to what is committed now. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent[]>;
  /** A catch-up subscription: history from its checkpoint, then live events, at least once. */
  subscribe(options: SubscribeOptions): Subscription;
  /** The checkpoint of the last event a subscription could be delivered now; null for an empty log. */
  headCheckpoint(): Promise<Checkpoint | null>;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id already used elsewhere: a retry must re-append the same events at the same place. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Stream ${streamId}: event id ${eventId} was already appended with other events or elsewhere`);
  }
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  return a.commit - b.commit || a.position - b.position;
}

/** "commit.position", the form a checkpoint takes in HTTP headers and logs. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.commit}.${checkpoint.position}`;
}

export function parseCheckpoint(text: string): Checkpoint | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  if (!match) return null;
  return { commit: Number(match[1]), position: Number(match[2]) };
}

export function matchesFilter(filter: EventFilter | undefined, event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean {
  if (!filter) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  if (eventTypes && !eventTypes.includes(event.type)) return false;
  return true;
}

export function validateExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`expectedRevision must be 'no_stream', 'stream_exists', 'any' or a revision >= 0, got ${expected}`);
  }
}
