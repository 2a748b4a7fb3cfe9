import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../postgres/transaction';

export interface ThrottleLimit {
  readonly maxFailures: number;
  readonly windowMs: number;
}

export interface ThrottleBucket {
  readonly bucket: string;
  readonly limit: ThrottleLimit;
}

/**
 * Counts sign-in attempts per bucket (an account's email, a client address) in fixed windows, so
 * that guessing passwords is slow whichever of the two an attacker varies. The check and the count
 * are one atomic step: each attempt is counted as a failure *before* its password is checked, and
 * taken back if it succeeds. Checking first and counting after the (slow) password hash let a burst
 * of parallel attempts all pass the check before any was counted.
 */
export interface LoginThrottle {
  /**
   * Counts an attempt against every bucket at once. 0: it may go ahead; else milliseconds until the
   * last window that refuses it ends. Attempts are ordered the same way in every bucket, so among
   * concurrent attempts those admitted by the tightest bucket are admitted by the others too.
   */
  attempt(buckets: readonly ThrottleBucket[], now: Date): Promise<number>;
  /** Takes back one attempt that turned out not to be a failure. */
  forgive(bucket: string): Promise<void>;
  reset(bucket: string): Promise<void>;
}

export class PostgresLoginThrottle implements LoginThrottle {
  constructor(private readonly pool: Pool) {}

  async attempt(buckets: readonly ThrottleBucket[], now: Date): Promise<number> {
    // One transaction taking the buckets' row locks in one fixed order: concurrent attempts then
    // queue in the same order in every bucket. Counted separately, an attempt could be 3rd for its
    // account but 21st for its client, and a burst would be refused more than its limits say.
    const ordered = [...buckets].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
    const waits = await inTransaction(this.pool, async (client) => {
      const each: number[] = [];
      for (const { bucket, limit } of ordered) each.push(await countAttempt(client, bucket, limit, now));
      return each;
    });
    return Math.max(0, ...waits);
  }

  async forgive(bucket: string): Promise<void> {
    await this.pool.query('update login_throttle set failures = greatest(failures - 1, 0) where bucket = $1', [bucket]);
  }

  async reset(bucket: string): Promise<void> {
    await this.pool.query('delete from login_throttle where bucket = $1', [bucket]);
  }
}

async function countAttempt(client: PoolClient, bucket: string, limit: ThrottleLimit, now: Date): Promise<number> {
  // The row lock orders concurrent attempts: each sees the count of those before it. A window that
  // has ended starts over at this attempt. Refused attempts are counted too (the count may pass the
  // limit), which keeps "admitted" simply "count within the limit".
  const { rows } = await client.query<{ failures: number; window_started_at: Date }>(
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
