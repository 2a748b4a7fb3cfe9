import { randomUUID } from 'node:crypto';
import { SandboxShipping, sandboxRates } from '../../src/shipping/sandbox-shipping';
import type { TrackingWebhookEvent } from '../../src/shipping/shipping-provider';
import { silentLogger } from '../../src/shared/logger';
import { shippingProviderContract } from '../contract/shipping-provider.contract';
import { contractWebhookSecret, webhookReceiver } from '../support/webhook-receiver';

const fast = { inTransit: 20, outForDelivery: 40, delivered: 60 };
const sandbox = (webhookUrl: string, more: Partial<ConstructorParameters<typeof SandboxShipping>[0]> = {}) =>
  new SandboxShipping({ webhookUrl: () => webhookUrl, webhookSecret: contractWebhookSecret, originCountry: 'FR', logger: silentLogger, progressMs: fast, maxRedeliveryDelayMs: 200, ...more });

shippingProviderContract('SandboxShipping', async (webhookUrl) => {
  const provider = sandbox(webhookUrl);
  return { provider, stop: () => provider.stop() };
});

describe('the sandbox carrier', () => {
  const to = (country: string) => ({ line1: '1 Street', city: 'Town', postalCode: '1000', country });
  const standard = (country: string, weightGrams: number) => sandboxRates({ destination: to(country), weightGrams, currency: 'EUR' }, 'FR').find((rate) => rate.service === 'standard')?.cost.amount;

  it('charges by zone and by each kilogram begun, as its README table says', () => {
    expect(standard('FR', 1)).toBe(490);
    expect(standard('FR', 1_000)).toBe(490);
    expect(standard('FR', 1_001)).toBe(590);
    expect(standard('DE', 1_000)).toBe(990);
    expect(standard('GB', 2_500)).toBe(990 + 2 * 200);
    expect(standard('US', 1_000)).toBe(1_990);
    expect(standard('FR', 30_000)).toBe(490 + 29 * 100);
    expect(standard('FR', 30_001)).toBeUndefined();
    expect(standard('FR', 0)).toBeUndefined();
  });

  it('reports an address it cannot find as an exception, never a delivery', async () => {
    const receiver = await webhookReceiver<TrackingWebhookEvent>();
    const provider = sandbox(receiver.url);
    try {
      const shipmentId = randomUUID();
      await provider.createLabel({ shipmentId, orderId: randomUUID(), destination: { ...to('FR'), postalCode: 'UNDELIVERABLE' }, weightGrams: 500, service: 'standard' }, shipmentId);
      const deadline = Date.now() + 5_000;
      while (receiver.received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(receiver.received.map((event) => event.data.status)).toEqual(['in_transit', 'out_for_delivery', 'exception']);
    } finally {
      await provider.stop();
      await receiver.close();
    }
  });

  it('sends each update twice when asked to, with the same event id, as real carriers sometimes do', async () => {
    const receiver = await webhookReceiver<TrackingWebhookEvent>();
    const provider = sandbox(receiver.url, { duplicateAfterMs: 30 });
    try {
      const shipmentId = randomUUID();
      await provider.createLabel({ shipmentId, orderId: randomUUID(), destination: to('FR'), weightGrams: 500, service: 'standard' }, shipmentId);
      const deadline = Date.now() + 5_000;
      while (receiver.received.length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(receiver.received).toHaveLength(6);
      expect(new Set(receiver.received.map((event) => event.id)).size).toBe(3);
    } finally {
      await provider.stop();
      await receiver.close();
    }
  });
});
