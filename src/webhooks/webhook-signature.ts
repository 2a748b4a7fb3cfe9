import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, Stripe's way: `Emporium-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">`. The timestamp is signed too, so an old delivery cannot be replayed with a
 * fresh one; several v1 values may be sent while a secret is being rotated.
 */
export const signatureHeader = 'Emporium-Signature';

export function signWebhook(secret: string, rawBody: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

export type WebhookVerification = { readonly valid: true } | { readonly valid: false; readonly reason: 'missing-signature' | 'malformed-signature' | 'stale' | 'bad-signature' };

export function verifyWebhook(secret: string, rawBody: Buffer, header: string | undefined, nowSeconds: number, toleranceSeconds: number): WebhookVerification {
  if (!header) return { valid: false, reason: 'missing-signature' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key, value]) => key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)).map(([, value]) => Buffer.from(value!, 'hex'));
  if (!Number.isSafeInteger(timestamp) || signatures.length === 0) return { valid: false, reason: 'malformed-signature' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { valid: false, reason: 'stale' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return signatures.some((signature) => timingSafeEqual(signature, expected)) ? { valid: true } : { valid: false, reason: 'bad-signature' };
}
