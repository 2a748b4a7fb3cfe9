import type { Pool } from 'pg';
import type { BeginOutcome, IdempotencyStore, StoredResponse } from './idempotency-store';

/** Keys live in the idempotency_keys table (migration 2) and survive restarts; see purgeBefore. */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async begin(scope: string, key: string, fingerprint: string, leaseMs: number): Promise<BeginOutcome> {
    // Insert, or take over an abandoned attempt of the same request; either way the row is ours.
    const taken = await this.pool.query(
      `insert into idempotency_keys (scope, key, fingerprint, locked_until)
       values ($1, $2, $3, now() + $4 * interval '1 millisecond')
       on conflict (scope, key) do update set locked_until = excluded.locked_until
         where idempotency_keys.response_status is null
           and idempotency_keys.locked_until < now()
           and idempotency_keys.fingerprint = excluded.fingerprint
       returning 1`,
      [scope, key, fingerprint, leaseMs],
    );
    if (taken.rowCount) return { outcome: 'started' };
    const { rows } = await this.pool.query<{ fingerprint: string; response_status: number | null; response_headers: Record<string, string>; response_body: unknown }>(
      'select fingerprint, response_status, response_headers, response_body from idempotency_keys where scope = $1 and key = $2',
      [scope, key],
    );
    const row = rows[0];
    if (!row) return this.begin(scope, key, fingerprint, leaseMs); // released in between: try again
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.response_status === null) return { outcome: 'in-progress' };
    return { outcome: 'replay', response: { status: row.response_status, headers: row.response_headers, body: row.response_body } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `update idempotency_keys set response_status = $3, response_headers = $4, response_body = $5, completed_at = now()
        where scope = $1 and key = $2`,
      [scope, key, response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.pool.query('delete from idempotency_keys where scope = $1 and key = $2 and response_status is null', [scope, key]);
  }

  /** Keys are kept for a day (as payment APIs do); older ones may be reused. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const { rowCount } = await this.pool.query('delete from idempotency_keys where created_at < $1', [cutoff]);
    return rowCount ?? 0;
  }
}
