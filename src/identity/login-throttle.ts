import type { Pool } from 'pg';

export interface ThrottleLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

/**
 * Counts failed logins per bucket (an account's email, a client address) in fixed windows, so that
 * guessing passwords is slow whichever of the two an attacker varies. A bucket over its limit
 * refuses attempts until its window ends.
 */
export interface LoginThrottle {
  /** Milliseconds until the bucket may try again; 0 when it may now. */
  retryAfterMs(bucket: string, limit: ThrottleLimit, now: Date): Promise<number>;
  recordFailure(bucket: string, limit: ThrottleLimit, now: Date): Promise<void>;
  reset(bucket: string): Promise<void>;
}

export class PostgresLoginThrottle implements LoginThrottle {
  constructor(private readonly pool: Pool) {}

  async retryAfterMs(bucket: string, limit: ThrottleLimit, now: Date): Promise<number> {
    const { rows } = await this.pool.query<{ failures: number; window_started_at: Date }>('select failures, window_started_at from login_throttle where bucket = $1', [bucket]);
    const row = rows[0];
    if (!row || row.failures < limit.maxFailures) return 0;
    return Math.max(0, row.window_started_at.getTime() + limit.windowMs - now.getTime());
  }

  async recordFailure(bucket: string, limit: ThrottleLimit, now: Date): Promise<void> {
    // A window that has ended starts over at this failure.
    await this.pool.query(
      `insert into login_throttle (bucket, failures, window_started_at) values ($1, 1, $2)
       on conflict (bucket) do update set
         failures = case when login_throttle.window_started_at + $3 * interval '1 millisecond' <= $2 then 1 else login_throttle.failures + 1 end,
         window_started_at = case when login_throttle.window_started_at + $3 * interval '1 millisecond' <= $2 then $2 else login_throttle.window_started_at end`,
      [bucket, now, limit.windowMs],
    );
  }

  async reset(bucket: string): Promise<void> {
    await this.pool.query('delete from login_throttle where bucket = $1', [bucket]);
  }
}
