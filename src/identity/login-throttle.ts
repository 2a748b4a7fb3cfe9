import type { Pool } from 'pg';

export interface ThrottleLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

/**
 * Counts sign-in attempts per bucket (an account's email, a client address) in fixed windows, so
 * that guessing passwords is slow whichever of the two an attacker varies. The check and the count
 * are one atomic step: each attempt is counted as a failure *before* its password is checked, and
 * taken back if it succeeds. Checking first and counting after the (slow) password hash let a burst
 * of parallel attempts all pass the check before any was counted.
 */
export interface LoginThrottle {
  /** Counts an attempt against the bucket. 0: it may go ahead; else milliseconds until the bucket's window ends. */
  attempt(bucket: string, limit: ThrottleLimit, now: Date): Promise<number>;
  /** Takes back one attempt that turned out not to be a failure. */
  forgive(bucket: string): Promise<void>;
  reset(bucket: string): Promise<void>;
}

export class PostgresLoginThrottle implements LoginThrottle {
  constructor(private readonly pool: Pool) {}

  async attempt(bucket: string, limit: ThrottleLimit, now: Date): Promise<number> {
    // One statement, so the row lock orders concurrent attempts: each sees the count of those before
    // it. A window that has ended starts over at this attempt. Refused attempts are counted too
    // (the count may pass the limit), which keeps "admitted" simply "count within the limit".
    const { rows } = await this.pool.query<{ failures: number; window_started_at: Date }>(
      `insert into login_throttle (bucket, failures, window_started_at) values ($1, 1, $2)
       on conflict (bucket) do update set
         failures = case when login_throttle.window_started_at + $3 * interval '1 millisecond' <= $2 then 1 else login_throttle.failures + 1 end,
         window_started_at = case when login_throttle.window_started_at + $3 * interval '1 millisecond' <= $2 then $2 else login_throttle.window_started_at end
       returning failures, window_started_at`,
      [bucket, now, limit.windowMs],
    );
    const row = rows[0]!;
    if (row.failures <= limit.maxFailures) return 0;
    return Math.max(1, row.window_started_at.getTime() + limit.windowMs - now.getTime());
  }

  async forgive(bucket: string): Promise<void> {
    await this.pool.query('update login_throttle set failures = greatest(failures - 1, 0) where bucket = $1', [bucket]);
  }

  async reset(bucket: string): Promise<void> {
    await this.pool.query('delete from login_throttle where bucket = $1', [bucket]);
  }
}
