import type { Decider } from '../domain/shared/decider';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type Actor,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '../event-store/event-store';
import type { SnapshotStore } from '../event-store/snapshot-store';
import { backoffDelay, delay } from '../shared/delay';
import { nameBasedUuid, newUuid } from '../shared/ids';
import { DomainError } from '../domain/shared/domain-error';
import { commandsHandled } from '../observability/metrics';
import { currentTraceparent, inSpan } from '../observability/tracing';
import { knownStreamsOf, type KnownStream, type KnownStreams } from './known-streams';

/** Who asks, when, and under which correlation: everything about a command that is not its data. */
export interface CommandContext {
  readonly now: Date;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceparent?: string;
  /**
   * When the caller gave one (HTTP Idempotency-Key, or the id of the event a process reacts to),
   * the ids of the events and entities the command creates derive from it: a retry of the same
   * command then collides with the first attempt instead of doing the work twice.
   */
  readonly idempotencyKey?: string;
  /** The stream revision the caller last saw (HTTP If-Match): a different one refuses the command. */
  readonly expectedRevision?: number;
}

/** An id for something the command creates, stable across retries of the command. */
export function newIdFor(context: CommandContext, purpose: string): string {
  return context.idempotencyKey ? nameBasedUuid(`${context.idempotencyKey}:${purpose}`) : newUuid();
}

/** The stream changed since the caller read it (a stale If-Match). */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(`${streamId} is at revision ${actual ?? 'none'}, not ${expected}`);
  }
}

/** Other writers kept changing the stream: the command gave up retrying. */
export class ConcurrencyRetriesExhaustedError extends Error {
  override readonly name = 'ConcurrencyRetriesExhaustedError';
  /** Other writers will calm down: worth trying again later. */
  readonly transient = true;
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`${streamId} kept changing; gave up after ${attempts} attempts`);
  }
}

export interface CommandResult<State, Event> {
  readonly streamId: string;
  /** The events this command appended; empty when the state already was what the command asked for. */
  readonly events: readonly Event[];
  readonly state: State;
  /** The stream's revision afterwards; -1 for a stream that still has no events. */
  readonly revision: number;
  /** Where the log stands after the command, for read-your-writes; null when nothing was ever written. */
  readonly checkpoint: Checkpoint | null;
  /** True when a retry found that an earlier attempt of the same command had been applied. */
  readonly alreadyApplied: boolean;
}

type DomainEvent = { type: string; data: object };

const maxAttempts = 12;

/**
 * Runs one command against one stream: read the stream, fold it into state, decide, append at
 * the revision read. When another writer got there first, decide again on the new state (a
 * bounded number of times), unless the caller pinned the revision it saw; then refuse.
 */
export interface SnapshotPolicy<State = unknown> {
  readonly store: SnapshotStore;
  /** Names the decider and its version: a snapshot folded by another evolve is not used. */
  readonly key: string;
  /**
   * Take a new snapshot once this many events have been written since the last. A state that grows
   * with its stream says so from the state: snapshotted as often whatever its size, a state of n
   * items costs n to write every few events, and its stream's life costs n².
   */
  readonly every: number | ((state: State) => number);
  /** How the state is written as plain JSON and read back, for a state that is not plain JSON itself. */
  readonly form?: SnapshotForm<State>;
}

export interface SnapshotForm<State> {
  toStored(state: State): unknown;
  fromStored(stored: unknown): State;
}

export interface CommandOptions<State = unknown> {
  readonly snapshots?: SnapshotPolicy<State>;
  /**
   * The stream is named by an id made for this command (a new order, payment or email): its first
   * event is appended without reading it first. Only a retry finds it written, and is then
   * answered as any command on a stream that exists.
   */
  readonly newStream?: boolean;
}

export async function handleCommand<Command extends { type: string }, Event extends DomainEvent, State>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command | ((state: State) => Command | Promise<Command>),
  context: CommandContext,
  options: CommandOptions<State> = {},
): Promise<CommandResult<State, Event>> {
  // A command given as a function of the state is named by its stream's kind until it is decided.
  const type = typeof command === 'function' ? `on ${streamId.split('-')[0]}` : command.type;
  try {
    const result = await inSpan(`command ${type}`, { attributes: { 'emporium.stream_id': streamId } }, () => decideAndAppend(eventStore, streamId, decider, command, context, options));
    commandsHandled.inc({ type, outcome: 'ok' });
    return result;
  } catch (error) {
    commandsHandled.inc({ type, outcome: commandOutcomeOf(error) });
    throw error;
  }
}

function commandOutcomeOf(error: unknown): string {
  if (error instanceof DomainError) return 'refused';
  if (error instanceof StaleRevisionError || error instanceof ConcurrencyRetriesExhaustedError || error instanceof WrongExpectedRevisionError) return 'conflict';
  return 'error';
}

async function decideAndAppend<Command extends { type: string }, Event extends DomainEvent, State>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command | ((state: State) => Command | Promise<Command>),
  context: CommandContext,
  options: CommandOptions<State>,
): Promise<CommandResult<State, Event>> {
  const { snapshots } = options;
  const known = knownStreamsOf(eventStore);
  const newStream: KnownStream<State> = { revision: -1, state: decider.initialState, checkpoint: null, snapshotRevision: -1 };
  // A caller pinning the revision it saw is answered from the stream itself.
  const guess = context.expectedRevision === undefined ? (known.get<State>(decider, streamId) ?? (options.newStream ? newStream : undefined)) : undefined;
  if (guess) {
    const answered = await onKnownState(eventStore, known, streamId, decider, command, context, guess, snapshots);
    if (answered) return answered;
  }
  for (let attempt = 1; ; attempt++) {
    const stored = snapshots ? await snapshots.store.load<unknown>(streamId, snapshots.key) : null;
    const snapshot = stored && { revision: stored.revision, state: snapshots?.form ? snapshots.form.fromStored(stored.state) : (stored.state as State) };
    const recorded = await eventStore.readStream(streamId, snapshot ? { fromRevision: snapshot.revision + 1 } : {});
    const state = recorded.reduce((folded, event) => decider.evolve(folded, event as unknown as Event), snapshot?.state ?? decider.initialState);
    const revision = (snapshot?.revision ?? -1) + recorded.length;
    const lastCheckpoint = recorded.at(-1)?.checkpoint ?? null;
    const snapshotRevision = snapshot?.revision ?? -1;
    if (revision >= 0) known.set(decider, streamId, { revision, state, checkpoint: lastCheckpoint, snapshotRevision });
    const pinned = context.expectedRevision;
    if (pinned !== undefined && pinned !== revision) throw new StaleRevisionError(streamId, pinned, revision < 0 ? null : revision);

    const resolved = typeof command === 'function' ? await command(state) : command;
    const earlier = context.idempotencyKey ? earlierAttempt<Event>(recorded, streamId, resolved.type, context.idempotencyKey) : null;
    if (earlier) return { streamId, state, ...earlier };
    const events = decider.decide(resolved, state);
    if (events.length === 0) {
      return { streamId, events, state, revision, checkpoint: lastCheckpoint, alreadyApplied: false };
    }
    try {
      return await appendDecided(eventStore, known, streamId, decider, resolved.type, events, context, { revision, state, checkpoint: lastCheckpoint, snapshotRevision }, snapshots);
    } catch (error) {
      if (error instanceof DuplicateEventIdError && context.idempotencyKey) {
        // An earlier attempt of this very command got through meanwhile: answer from what it wrote.
        const whole = await eventStore.readStream(streamId);
        const earlier = earlierAttempt<Event>(whole, streamId, resolved.type, context.idempotencyKey);
        return { streamId, state, ...(earlier ?? { events: [], revision, checkpoint: lastCheckpoint, alreadyApplied: true }) };
      }
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (pinned !== undefined) throw new StaleRevisionError(streamId, pinned, error.actual === 'no_stream' ? null : error.actual);
      if (attempt >= maxAttempts) throw new ConcurrencyRetriesExhaustedError(streamId, attempt);
      await delay(backoffDelay(attempt, 2, 100));
    }
  }
}

/**
 * The command decided on what this process last knew of the stream, and appended at that
 * revision: no read when nobody else wrote meanwhile, which is most of the time. Any other
 * outcome (another writer got there first, nothing to append, a refusal, a retry of a command
 * already applied) is left to the full path, which reads the stream and so answers as it always
 * did: a stale guess can cost a round trip, never a wrong answer.
 */
async function onKnownState<Command extends { type: string }, Event extends DomainEvent, State>(
  eventStore: EventStore,
  known: KnownStreams,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command | ((state: State) => Command | Promise<Command>),
  context: CommandContext,
  guess: KnownStream<State>,
  snapshots: SnapshotPolicy<State> | undefined,
): Promise<CommandResult<State, Event> | null> {
  const resolved = typeof command === 'function' ? await command(guess.state) : command;
  let events: Event[];
  try {
    events = decider.decide(resolved, guess.state);
  } catch {
    return null;
  }
  if (events.length === 0) return null;
  try {
    return await appendDecided(eventStore, known, streamId, decider, resolved.type, events, context, guess, snapshots);
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) return null;
    throw error;
  }
}

async function appendDecided<Event extends DomainEvent, State>(
  eventStore: EventStore,
  known: KnownStreams,
  streamId: string,
  decider: Decider<unknown, Event, State>,
  commandType: string,
  events: readonly Event[],
  context: CommandContext,
  before: KnownStream<State>,
  snapshots: SnapshotPolicy<State> | undefined,
): Promise<CommandResult<State, Event>> {
  let result;
  try {
    result = await eventStore.appendToStream(streamId, events.map((event, i) => toNewEvent(event, `${streamId}:${commandType}:${i}`, context)), {
      expectedRevision: before.revision < 0 ? 'no_stream' : before.revision,
    });
  } catch (error) {
    known.forget(decider, streamId);
    throw error;
  }
  const next = events.reduce((folded, event) => decider.evolve(folded, event), before.state);
  let snapshotRevision = before.snapshotRevision;
  if (snapshots && result.nextExpectedRevision - snapshotRevision >= (typeof snapshots.every === 'number' ? snapshots.every : snapshots.every(next))) {
    // Only a cache: the events are written; a snapshot that failed to save means reading more next time.
    const saved = await snapshots.store.save(streamId, snapshots.key, { revision: result.nextExpectedRevision, state: snapshots.form ? snapshots.form.toStored(next) : next }).then(
      () => true,
      () => false,
    );
    if (saved) snapshotRevision = result.nextExpectedRevision;
  }
  known.set(decider, streamId, { revision: result.nextExpectedRevision, state: next, checkpoint: result.checkpoint, snapshotRevision });
  return { streamId, events, state: next, revision: result.nextExpectedRevision, checkpoint: result.checkpoint, alreadyApplied: false };
}

/** The id of the event in `slot` of a command run under an idempotency key. */
const eventIdFor = (idempotencyKey: string, slot: string) => nameBasedUuid(`${idempotencyKey}:${slot}`);

/**
 * The events an earlier attempt of this very command (same key, stream and command type) wrote, if
 * it got through: a retry after a crash is then answered as the first attempt would have been, from
 * the log, instead of being decided again on a state that already holds its effect.
 */
function earlierAttempt<Event>(recorded: readonly RecordedEvent[], streamId: string, commandType: string, idempotencyKey: string): Pick<CommandResult<never, Event>, 'events' | 'revision' | 'checkpoint' | 'alreadyApplied'> | null {
  const first = eventIdFor(idempotencyKey, `${streamId}:${commandType}:0`);
  const start = recorded.findIndex((event) => event.id === first);
  if (start < 0) return null;
  const written: RecordedEvent[] = [];
  for (let i = start; i < recorded.length && recorded[i]!.id === eventIdFor(idempotencyKey, `${streamId}:${commandType}:${i - start}`); i++) written.push(recorded[i]!);
  const last = written.at(-1)!;
  return { events: written.map((event) => ({ type: event.type, data: event.data }) as Event), revision: last.revision, checkpoint: last.checkpoint, alreadyApplied: true };
}

function traceparentOf(context: CommandContext): { traceparent?: string } {
  const traceparent = currentTraceparent(context.traceparent);
  return traceparent ? { traceparent } : {};
}

/** `slot` names the event's place in the command: stream, command type, index in the batch. */
function toNewEvent(event: DomainEvent, slot: string, context: CommandContext): NewEvent {
  const metadata: EventMetadata = {
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.correlationId,
    actor: context.actor,
    occurredAt: context.now.toISOString(),
    schemaVersion: 1,
    // The command's span while tracing: what reacts to these events continues its trace.
    ...traceparentOf(context),
    ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
  };
  return {
    // Not keyed by revision: whatever a retry of the same command decides, its events collide with
    // those of an attempt that got through (DuplicateEventIdError) instead of adding to them.
    id: context.idempotencyKey ? eventIdFor(context.idempotencyKey, slot) : newUuid(),
    type: event.type,
    data: event.data as JsonObject,
    metadata,
  };
}
