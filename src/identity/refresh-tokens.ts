import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../postgres/transaction';

export interface IssuedRefreshToken {
  /** What the client keeps: "<id>.<secret>". Only a hash of the secret is stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

export type RotationOutcome =
  | { readonly outcome: 'rotated'; readonly accountId: string; readonly next: IssuedRefreshToken }
  /** Unknown, expired, malformed, or revoked by a logout. */
  | { readonly outcome: 'invalid' }
  /** Used after it was rotated: someone else holds a copy. The whole family is now revoked. */
  | { readonly outcome: 'reused'; readonly accountId: string };

/**
 * Rotating refresh tokens. Each use returns a new token of the same family and retires the old;
 * presenting a retired token again revokes the family, so a stolen copy dies with its first use
 * (OAuth 2.0 Security BCP, refresh token rotation). Logout revokes the family.
 *
 * Except within a short grace period after its rotation (as Okta's rotation allows): a browser
 * that navigates while its refresh is under way drops the answer, and the new cookie with it,
 * and comes back with the token just retired. That is a lost answer, not a thief: it gets a new
 * token of the same family, while the family is alive. A retired token later than that still
 * revokes the family.
 */
export interface RefreshTokenStore {
  issue(accountId: string, now: Date): Promise<IssuedRefreshToken>;
  rotate(token: string, now: Date): Promise<RotationOutcome>;
  revokeFamily(token: string, now: Date): Promise<void>;
  revokeAccount(accountId: string, now: Date): Promise<void>;
}

const lifetimeMs = 30 * 24 * 3_600_000;
export const reuseGraceMs = 30_000;
const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

function parse(token: string): { id: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export class PostgresRefreshTokenStore implements RefreshTokenStore {
  constructor(private readonly pool: Pool) {}

  issue(accountId: string, now: Date): Promise<IssuedRefreshToken> {
    return this.insert(accountId, randomUUID(), now, this.pool);
  }

  private async insert(accountId: string, familyId: string, now: Date, db: Pick<Pool, 'query'>): Promise<IssuedRefreshToken> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + lifetimeMs);
    await db.query('insert into refresh_tokens (id, family_id, account_id, token_hash, issued_at, expires_at) values ($1, $2, $3, $4, $5, $6)', [
      id,
      familyId,
      accountId,
      hashOf(secret),
      now,
      expiresAt,
    ]);
    return { token: `${id}.${secret}`, expiresAt };
  }

  async rotate(token: string, now: Date): Promise<RotationOutcome> {
    const parsed = parse(token);
    if (!parsed) return { outcome: 'invalid' };
    return inTransaction(this.pool, async (client): Promise<RotationOutcome> => {
      // Row lock: of two concurrent uses of one token, the second sees it rotated.
      const { rows } = await client.query<{ family_id: string; account_id: string; token_hash: Buffer; expires_at: Date; revoked_at: Date | null; replaced_by: string | null }>(
        'select family_id, account_id, token_hash, expires_at, revoked_at, replaced_by from refresh_tokens where id = $1 for update',
        [parsed.id],
      );
      const row = rows[0];
      if (!row || !timingSafeEqual(row.token_hash, hashOf(parsed.secret))) return { outcome: 'invalid' };
      if (row.replaced_by && row.revoked_at && now.getTime() - row.revoked_at.getTime() <= reuseGraceMs && row.expires_at > now) {
        const { rows: live } = await client.query<{ live: boolean }>('select exists (select 1 from refresh_tokens where family_id = $1 and revoked_at is null and expires_at > $2) as live', [row.family_id, now]);
        if (live[0]!.live) return { outcome: 'rotated', accountId: row.account_id, next: await this.insert(row.account_id, row.family_id, now, client) };
      }
      if (row.replaced_by) {
        await client.query('update refresh_tokens set revoked_at = coalesce(revoked_at, $2) where family_id = $1', [row.family_id, now]);
        return { outcome: 'reused', accountId: row.account_id };
      }
      if (row.revoked_at || row.expires_at <= now) return { outcome: 'invalid' };
      const next = await this.insert(row.account_id, row.family_id, now, client);
      await client.query('update refresh_tokens set revoked_at = $2, replaced_by = $3 where id = $1', [parsed.id, now, next.token.split('.')[0]]);
      return { outcome: 'rotated', accountId: row.account_id, next };
    });
  }

  async revokeFamily(token: string, now: Date): Promise<void> {
    const parsed = parse(token);
    if (!parsed) return;
    await this.pool.query(
      `update refresh_tokens set revoked_at = coalesce(revoked_at, $3)
        where family_id = (select family_id from refresh_tokens where id = $1 and token_hash = $2)`,
      [parsed.id, hashOf(parsed.secret), now],
    );
  }

  async revokeAccount(accountId: string, now: Date): Promise<void> {
    await this.pool.query('update refresh_tokens set revoked_at = coalesce(revoked_at, $2) where account_id = $1', [accountId, now]);
  }
}
