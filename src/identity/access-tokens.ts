import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { roles, type Role } from '../domain/accounts/account';
import { RecentlyUsed } from '../shared/recently-used';

/** Who a verified access token speaks for. */
export interface Principal {
  readonly accountId: string;
  readonly role: Role;
  /** A vendor account's vendor: read from the account on each request, never from the token. */
  readonly vendorId?: string;
}

export const tokenIssuer = 'emporium';
export const tokenAudience = 'emporium-api';
/** One algorithm, pinned: Ed25519 signatures. Tokens claiming any other (none, HS256, RS256…) are refused. */
const algorithm = 'EdDSA';

export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
}

/**
 * Short-lived signed access tokens (JWT). Verification checks the signature with our public key
 * under the pinned algorithm, then exp, iss and aud; anything else is an InvalidAccessTokenError.
 */
export class AccessTokens {
  private readonly publicKey: KeyObject;
  /**
   * Tokens verified lately, until they expire: a client sends the same token with every request,
   * and checking its signature again each time was the costliest part of placing an order.
   */
  private readonly verified = new RecentlyUsed<string, { principal: Principal; expiresAtMs: number }>(10_000);

  constructor(
    private readonly privateKey: KeyObject,
    readonly lifetimeSeconds = 900,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The access token key must be an Ed25519 private key');
    this.publicKey = createPublicKey(privateKey);
  }

  static withNewKey(lifetimeSeconds?: number): AccessTokens {
    return new AccessTokens(generateKeyPairSync('ed25519').privateKey, lifetimeSeconds);
  }

  static fromPem(pem: string, lifetimeSeconds?: number): AccessTokens {
    return new AccessTokens(createPrivateKey(pem), lifetimeSeconds);
  }

  /** A PEM (PKCS #8) of a new Ed25519 key, for keeping in a file. */
  static newKeyPem(): string {
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  async issue(principal: Principal, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ role: principal.role })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
      .setSubject(principal.accountId)
      .setIssuer(tokenIssuer)
      .setAudience(tokenAudience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** `now`: the shop's clock, the one tokens are issued by, so that a token lives its lifetime on it. */
  async verify(token: string, now = new Date()): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() < known.expiresAtMs) return known.principal;
      this.verified.delete(token);
      throw new InvalidAccessTokenError('The access token has expired');
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: [algorithm], issuer: tokenIssuer, audience: tokenAudience, requiredClaims: ['exp', 'sub'], currentDate: now });
      const role = roles.find((known) => known === payload.role);
      if (typeof payload.sub !== 'string' || !role) throw new InvalidAccessTokenError('The token names no account or role');
      const principal: Principal = { accountId: payload.sub, role };
      this.verified.set(token, { principal, expiresAtMs: payload.exp! * 1000 });
      return principal;
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new InvalidAccessTokenError('The access token has expired');
      throw new InvalidAccessTokenError('The access token is not valid');
    }
  }
}
