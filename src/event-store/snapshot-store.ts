/**
 * Snapshots of state folded from a long stream (a popular product's inventory grows with every
 * order), so that a command reads the latest snapshot and the events after it rather than the whole
 * stream. A snapshot is only a cache: it is keyed by what folded it (decider and version), and one
 * that is missing or stale just means reading more events.
 */
export interface Snapshot<State> {
  readonly revision: number;
  readonly state: State;
}

export interface SnapshotStore {
  load<State>(streamId: string, key: string): Promise<Snapshot<State> | null>;
  /** Keeps the newer of what is stored and this. */
  save<State>(streamId: string, key: string, snapshot: Snapshot<State>): Promise<void>;
}

export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, { key: string; snapshot: Snapshot<unknown> }>();

  async load<State>(streamId: string, key: string): Promise<Snapshot<State> | null> {
    const stored = this.snapshots.get(streamId);
    return stored && stored.key === key ? (structuredClone(stored.snapshot) as Snapshot<State>) : null;
  }

  async save<State>(streamId: string, key: string, snapshot: Snapshot<State>): Promise<void> {
    const stored = this.snapshots.get(streamId);
    if (stored && stored.key === key && stored.snapshot.revision >= snapshot.revision) return;
    this.snapshots.set(streamId, { key, snapshot: structuredClone(snapshot) });
  }
}
