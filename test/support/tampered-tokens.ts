import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { AccessTokens, tokenAudience, tokenIssuer } from '../../src/identity/access-tokens';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Forged or spoiled access tokens for a principal, each of which a verifier must refuse:
 * the attacks listed by the JWT best current practice (RFC 8725).
 */
export async function tamperedTokens(real: AccessTokens, principal: { accountId: string; role: string }, publicKeyPem: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { role: principal.role };
  const valid = await real.issue({ accountId: principal.accountId, role: principal.role as 'customer' });
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;

  const otherEd25519 = generateKeyPairSync('ed25519').privateKey;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const signWith = (alg: string, key: Parameters<SignJWT['sign']>[0], overrides: { exp?: number; aud?: string; iss?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT' })
      .setSubject(principal.accountId)
      .setIssuer(overrides.iss ?? tokenIssuer)
      .setAudience(overrides.aud ?? tokenAudience)
      .setIssuedAt(now - 60)
      .setExpirationTime(overrides.exp ?? now + 600)
      .sign(key);

  return {
    'alg none': new UnsecuredJWT(claims).setSubject(principal.accountId).setIssuer(tokenIssuer).setAudience(tokenAudience).setExpirationTime(now + 600).encode(),
    'signed with another key': await signWith('EdDSA', otherEd25519),
    // HS/RS confusion: an HMAC "signature" keyed with our public key, which anyone can read.
    'HS256 keyed with our public key': await signWith('HS256', new TextEncoder().encode(publicKeyPem)),
    'RS256 with an attacker key': await signWith('RS256', rsa),
    expired: await signWith('EdDSA', realKeyOf(real), { exp: now - 10 }),
    'wrong audience': await signWith('EdDSA', realKeyOf(real), { aud: 'another-api' }),
    'wrong issuer': await signWith('EdDSA', realKeyOf(real), { iss: 'somebody-else' }),
    'payload modified (role raised to admin)': `${header}.${base64url({ ...decoded, role: 'admin' })}.${signature}`,
    'signature stripped': `${header}.${payload}.`,
  };
}

/** Tests only: the private key inside an AccessTokens, to mint tokens that differ in one claim. */
function realKeyOf(tokens: AccessTokens) {
  return (tokens as unknown as { privateKey: Parameters<SignJWT['sign']>[0] }).privateKey;
}

export function publicKeyPemOf(tokens: AccessTokens): string {
  return createPublicKey(realKeyOf(tokens) as never).export({ type: 'spki', format: 'pem' }).toString();
}
