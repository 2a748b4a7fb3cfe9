import type { Checkpoint, EventStore } from '../event-store/event-store';
import { RecentlyUsed } from '../shared/recently-used';

/** What this process last knew of a stream, as one decider folds it. */
export interface KnownStream<State> {
  readonly revision: number;
  readonly state: State;
  readonly checkpoint: Checkpoint | null;
  /** The revision of the stream's latest snapshot, as far as this process knows (-1: none). */
  readonly snapshotRevision: number;
}

/**
 * The states of the streams this process read or wrote lately, so that the next command on one
 * can decide on it and append at its revision without reading the stream first. Only a guess:
 * another process may have written since, and then the append is refused at that revision and
 * the command reads the stream as usual (see handleCommand). Least recently used streams go first.
 */
export class KnownStreams {
  private readonly byDecider = new WeakMap<object, RecentlyUsed<string, KnownStream<unknown>>>();

  constructor(private readonly capacityPerDecider = 1_000) {}

  get<State>(decider: object, streamId: string): KnownStream<State> | undefined {
    return this.byDecider.get(decider)?.get(streamId) as KnownStream<State> | undefined;
  }

  set<State>(decider: object, streamId: string, known: KnownStream<State>): void {
    let streams = this.byDecider.get(decider);
    if (!streams) this.byDecider.set(decider, (streams = new RecentlyUsed(this.capacityPerDecider)));
    streams.set(streamId, known);
  }

  forget(decider: object, streamId: string): void {
    this.byDecider.get(decider)?.delete(streamId);
  }
}

const perEventStore = new WeakMap<EventStore, KnownStreams>();

/** One memory per event store: what a process knows is knowledge of that store's streams. */
export function knownStreamsOf(eventStore: EventStore): KnownStreams {
  let known = perEventStore.get(eventStore);
  if (!known) perEventStore.set(eventStore, (known = new KnownStreams()));
  return known;
}
