import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from '../../src/webhooks/webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1","type":"payment.succeeded"}';
  const now = 1_790_000_000;

  it('sign HMAC-SHA256 over the timestamp and the raw body', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${now},v1=${expected}`);
    expect(verifyWebhook(secret, Buffer.from(body), signWebhook(secret, body, now), now, 300)).toEqual({ valid: true });
  });

  it('refuse a changed body, another secret, a stale or future timestamp, and malformed or missing headers', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, Buffer.from(body.replace('succeeded', 'failed')), header, now, 300)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifyWebhook('whsec_other', Buffer.from(body), header, now, 300)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifyWebhook(secret, Buffer.from(body), header, now + 301, 300)).toEqual({ valid: false, reason: 'stale' });
    expect(verifyWebhook(secret, Buffer.from(body), header, now - 301, 300)).toEqual({ valid: false, reason: 'stale' });
    expect(verifyWebhook(secret, Buffer.from(body), `t=${now},v1=nothex`, now, 300)).toEqual({ valid: false, reason: 'malformed-signature' });
    expect(verifyWebhook(secret, Buffer.from(body), undefined, now, 300)).toEqual({ valid: false, reason: 'missing-signature' });
    // Re-signing an old body with a new timestamp needs the secret.
    expect(verifyWebhook(secret, Buffer.from(body), header.replace(`t=${now}`, `t=${now + 100}`), now + 100, 300)).toEqual({ valid: false, reason: 'bad-signature' });
  });

  it('accept any one of several signatures, while a secret is being rotated', () => {
    const old = signWebhook('whsec_old', body, now).split(',')[1];
    expect(verifyWebhook(secret, Buffer.from(body), `${signWebhook(secret, body, now)},${old}`, now, 300)).toEqual({ valid: true });
  });
});
