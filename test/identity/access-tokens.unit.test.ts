import { generateKeyPairSync } from 'node:crypto';
import { AccessTokens, InvalidAccessTokenError } from '../../src/identity/access-tokens';
import { publicKeyPemOf, tamperedTokens } from '../support/tampered-tokens';

describe('access tokens', () => {
  const tokens = AccessTokens.withNewKey(900);
  const principal = { accountId: '0c0e7a8e-6a53-4a4e-9d2a-1a8f5c3b7e11', role: 'customer' as const };

  it('verify what they issued: subject and role, signed EdDSA, with iss, aud and exp', async () => {
    const token = await tokens.issue(principal);
    expect(await tokens.verify(token)).toEqual(principal);
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: principal.accountId, role: 'customer', iss: 'emporium', aud: 'emporium-api' });
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(900);
  });

  it('are refused when tampered with, in every way RFC 8725 warns of', async () => {
    const forged = await tamperedTokens(tokens, principal, publicKeyPemOf(tokens));
    expect(Object.keys(forged)).toHaveLength(9);
    for (const [attack, token] of Object.entries(forged)) {
      await expect(tokens.verify(token).then(() => `accepted: ${attack}`)).rejects.toBeInstanceOf(InvalidAccessTokenError);
    }
  });

  it('say an expired token has expired', async () => {
    const forged = await tamperedTokens(tokens, principal, publicKeyPemOf(tokens));
    await expect(tokens.verify(forged.expired!)).rejects.toThrow('The access token has expired');
  });

  it('refuse a token verified before once it has expired, though its signature is not checked again', async () => {
    const shortLived = AccessTokens.withNewKey(60);
    const token = await shortLived.issue(principal);
    expect(await shortLived.verify(token)).toEqual(principal);
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await expect(shortLived.verify(token)).rejects.toThrow('The access token has expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('live their lifetime on the clock they were issued by, whatever the day it is', async () => {
    const issuedAt = new Date('2026-12-01T09:00:00.000Z');
    const token = await tokens.issue(principal, issuedAt);
    expect(await tokens.verify(token, new Date(issuedAt.getTime() + 899_000))).toEqual(principal);
    await expect(tokens.verify(token, new Date(issuedAt.getTime() + 900_000))).rejects.toThrow('The access token has expired');
    const another = await tokens.issue(principal, issuedAt);
    await expect(tokens.verify(another, new Date(issuedAt.getTime() + 901_000))).rejects.toThrow('The access token has expired');
  });

  it('refuse a key that is not Ed25519', () => {
    const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => AccessTokens.fromPem(rsaPem)).toThrow('Ed25519');
  });
});
