import type { Pool } from 'pg';
import type { ParkedEvent, ParkedEventStore, ParkRequest } from './parked-events';

interface Row {
  id: string;
  process: string;
  event_id: string;
  stream_id: string;
  event_type: string;
  event_position: string;
  partition_key: string;
  reason: 'failed' | 'waiting';
  error: string | null;
  attempts: number;
  parked_at: Date;
  last_tried_at: Date | null;
  resolved_at: Date | null;
}

const toParked = (row: Row): ParkedEvent => ({
  id: row.id,
  process: row.process,
  eventId: row.event_id,
  streamId: row.stream_id,
  eventType: row.event_type,
  eventPosition: Number(row.event_position),
  partitionKey: row.partition_key,
  reason: row.reason,
  error: row.error,
  attempts: row.attempts,
  parkedAt: row.parked_at.toISOString(),
  lastTriedAt: row.last_tried_at?.toISOString() ?? null,
  resolvedAt: row.resolved_at?.toISOString() ?? null,
});

/** Parked events in the parked_events table (migration 6). */
export class PostgresParkedEventStore implements ParkedEventStore {
  constructor(private readonly pool: Pool) {}

  async park({ process, event, partitionKey, reason, error, attempts }: ParkRequest): Promise<void> {
    await this.pool.query(
      `insert into parked_events (process, event_id, stream_id, event_type, event_position, partition_key, reason, error, attempts, last_tried_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $9 > 0 then now() end)
       on conflict (process, event_id) do nothing`,
      [process, event.id, event.streamId, event.type, event.position, partitionKey, reason, error, attempts],
    );
  }

  async blockedPartitions(process: string): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ partition_key: string }>('select distinct partition_key from parked_events where process = $1 and resolved_at is null', [process]);
    return new Set(rows.map((row) => row.partition_key));
  }

  async openInPartition(process: string, partitionKey: string): Promise<ParkedEvent[]> {
    const { rows } = await this.pool.query<Row>('select * from parked_events where process = $1 and partition_key = $2 and resolved_at is null order by event_position', [process, partitionKey]);
    return rows.map(toParked);
  }

  async list({ process, includeResolved = false, limit }: { process?: string; includeResolved?: boolean; limit: number }): Promise<ParkedEvent[]> {
    const { rows } = await this.pool.query<Row>(
      `select * from parked_events where ($1::text is null or process = $1) and ($2 or resolved_at is null) order by parked_at desc, id desc limit $3`,
      [process ?? null, includeResolved, limit],
    );
    return rows.map(toParked);
  }

  async get(id: string): Promise<ParkedEvent | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const { rows } = await this.pool.query<Row>('select * from parked_events where id = $1', [id]);
    return rows[0] ? toParked(rows[0]) : null;
  }

  async resolve(id: string, at: Date): Promise<void> {
    await this.pool.query('update parked_events set resolved_at = $2, last_tried_at = $2 where id = $1', [id, at]);
  }

  async failedAgain(id: string, error: string, at: Date): Promise<void> {
    await this.pool.query(`update parked_events set reason = 'failed', error = $2, attempts = attempts + 1, last_tried_at = $3 where id = $1`, [id, error, at]);
  }

  async counts(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ process: string; n: number }>('select process, count(*)::int as n from parked_events where resolved_at is null group by process');
    return Object.fromEntries(rows.map((row) => [row.process, row.n]));
  }
}
