import type { Pool } from 'pg';
import type { Snapshot, SnapshotStore } from '../snapshot-store';

/** Snapshots in the snapshots table (migration 5), one per stream. */
export class PostgresSnapshotStore implements SnapshotStore {
  constructor(private readonly pool: Pool) {}

  async load<State>(streamId: string, key: string): Promise<Snapshot<State> | null> {
    const { rows } = await this.pool.query<{ revision: string; state: State }>('select revision, state from snapshots where stream_id = $1 and snapshot_key = $2', [streamId, key]);
    const row = rows[0];
    return row ? { revision: Number(row.revision), state: row.state } : null;
  }

  async save<State>(streamId: string, key: string, snapshot: Snapshot<State>): Promise<void> {
    await this.pool.query(
      `insert into snapshots (stream_id, snapshot_key, revision, state) values ($1, $2, $3, $4)
       on conflict (stream_id) do update set snapshot_key = excluded.snapshot_key, revision = excluded.revision, state = excluded.state, saved_at = now()
         where snapshots.snapshot_key <> excluded.snapshot_key or snapshots.revision < excluded.revision`,
      [streamId, key, snapshot.revision, JSON.stringify(snapshot.state)],
    );
  }
}
