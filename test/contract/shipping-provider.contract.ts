import { randomUUID } from 'node:crypto';
import type { ShippingProvider, TrackingWebhookEvent } from '../../src/shipping/shipping-provider';
import { webhookReceiver } from '../support/webhook-receiver';

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

const paris = { line1: '1 rue du Thé', city: 'Paris', postalCode: '75001', country: 'FR' };
const tokyo = { line1: '1-1 Chiyoda', city: 'Tokyo', postalCode: '100-0001', country: 'JP' };

/**
 * The shipping provider port's contract: every adapter passes it unchanged. `create` is given where
 * the signed tracking webhooks go (the receiver checks contractWebhookSecret's signatures).
 */
export function shippingProviderContract(adapter: string, create: (webhookUrl: string) => Promise<{ provider: ShippingProvider; stop: () => Promise<void> }>): void {
  describe(`ShippingProvider contract: ${adapter}`, () => {
    let receiver: Awaited<ReturnType<typeof webhookReceiver<TrackingWebhookEvent>>>;
    let provider: ShippingProvider;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      receiver = await webhookReceiver<TrackingWebhookEvent>();
      ({ provider, stop } = await create(receiver.url));
    });
    afterEach(async () => {
      await stop();
      await receiver.close();
    });

    it('quotes each service in the currency asked, cheapest first, and more for a heavier parcel or a farther place', async () => {
      const near = await provider.quote({ destination: paris, weightGrams: 800, currency: 'EUR' });
      expect(near.length).toBeGreaterThan(0);
      for (const rate of near) {
        expect(rate.cost.currency).toBe('EUR');
        expect(Number.isSafeInteger(rate.cost.amount) && rate.cost.amount > 0).toBe(true);
        expect(rate.carrier.length).toBeGreaterThan(0);
      }
      expect(near.map((rate) => rate.cost.amount)).toEqual([...near.map((rate) => rate.cost.amount)].sort((a, b) => a - b));
      const standard = (rates: typeof near) => rates.find((rate) => rate.service === 'standard')!.cost.amount;
      expect(standard(await provider.quote({ destination: paris, weightGrams: 4_800, currency: 'EUR' }))).toBeGreaterThan(standard(near));
      expect(standard(await provider.quote({ destination: tokyo, weightGrams: 800, currency: 'EUR' }))).toBeGreaterThan(standard(near));
      expect((await provider.quote({ destination: paris, weightGrams: 800, currency: 'GBP' }))[0]!.cost.currency).toBe('GBP');
    });

    it('offers nothing for a parcel too heavy to carry', async () => {
      expect(await provider.quote({ destination: paris, weightGrams: 1_000_000, currency: 'EUR' })).toEqual([]);
    });

    it('buys one label per idempotency key: the same again gives the same tracking number', async () => {
      const shipmentId = randomUUID();
      const request = { shipmentId, orderId: randomUUID(), destination: paris, weightGrams: 800, service: 'standard' as const };
      const label = await provider.createLabel(request, `shipment-${shipmentId}`);
      expect(label).toMatchObject({ shipmentId, service: 'standard' });
      expect(label.trackingNumber).toMatch(/^[A-Za-z0-9-]{4,40}$/);
      expect(label.labelUrl).toMatch(/^https:\/\//);
      expect(await provider.createLabel(request, `shipment-${shipmentId}`)).toEqual(label);
      const other = randomUUID();
      expect((await provider.createLabel({ ...request, shipmentId: other }, `shipment-${other}`)).trackingNumber).not.toBe(label.trackingNumber);
    });

    it("tells the parcel's progress by signed webhooks, its delivery among them, and redelivers what the app did not take", async () => {
      receiver.refuseNext(2);
      const shipmentId = randomUUID();
      const orderId = randomUUID();
      const label = await provider.createLabel({ shipmentId, orderId, destination: paris, weightGrams: 800, service: 'express' }, `shipment-${shipmentId}`);
      // The two refused come again later, so they may arrive after the delivery: the app must not mind the order.
      const statuses = () => receiver.received.map((event) => event.data.status);
      await until(() => statuses().includes('delivered') && statuses().includes('in_transit'), 15_000);
      const mine = receiver.received.filter((event) => event.data.trackingNumber === label.trackingNumber);
      expect(mine.find((event) => event.data.status === 'delivered')).toMatchObject({ type: 'tracking.updated', data: { shipmentId, orderId, trackingNumber: label.trackingNumber, status: 'delivered' } });
      expect(mine.map((event) => event.data.status)).toContain('in_transit');
      expect(new Set(mine.map((event) => event.id)).size).toBe(mine.length);
      for (const event of mine) expect(Number.isNaN(Date.parse(event.data.occurredAt))).toBe(false);
    }, 20_000);
  });
}
