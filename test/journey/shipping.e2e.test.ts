import { randomUUID } from 'node:crypto';
import { formatCheckpoint } from '../../src/event-store/event-store';
import type { TrackingWebhookEvent } from '../../src/shipping/shipping-provider';
import { signatureHeader, signWebhook } from '../../src/webhooks/webhook-signature';
import { eventually, Journey } from '../support/journey';
import { testShippingWebhookSecret } from '../support/test-app';

/**
 * Shipping end to end over HTTP: the customer is quoted, orders at the quoted cost (in the total,
 * charged once), pays; the staff ship it (one label, however often and however many at once); the
 * customer gets one dispatch email with the tracking number; the carrier's signed webhooks move the
 * order to delivered, redelivered and out of order as carriers do, each recorded once.
 */
describe('shipping an order', () => {
  let shop: Journey;
  let code: string;
  beforeAll(async () => {
    shop = await Journey.start();
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const categoryId = String((await shop.command('POST', '/api/categories', { name: `Parcels ${tag}`, description: '' })).id);
    code = `BOX-${tag}`;
    await shop.command('POST', '/api/products', { code, name: 'Tea box', description: 'Boxed', categoryId, price: { amount: 1_000, currency: 'EUR' }, lowStockThreshold: 0, weightGrams: 250 });
    await shop.command('POST', `/api/inventory/${code}/receipts`, { quantity: 100 });
  });
  afterAll(async () => {
    await shop.close();
  });

  const orderAt = async (customer: { token: string }, body: Record<string, unknown>) =>
    shop.app.request<Record<string, unknown>>('POST', '/api/orders', { token: customer.token, headers: { 'idempotency-key': randomUUID() }, body: { lines: [{ productCode: code, quantity: 4 }], paymentMethod: 'card', paymentToken: 'tok_success', ...body } });
  const ship = (orderId: string, key = randomUUID()) => shop.app.request<{ shipment: { trackingNumber: string; carrier: string; labelUrl: string }; alreadyApplied?: boolean }>('POST', `/api/orders/${orderId}/shipment`, { token: shop.staff, headers: { 'idempotency-key': key } });
  const carrierSays = (event: TrackingWebhookEvent, secret = testShippingWebhookSecret) => {
    const rawBody = JSON.stringify(event);
    return shop.app.request('POST', '/api/shipping/webhook', { rawBody, headers: { 'content-type': 'application/json', [signatureHeader]: signWebhook(secret, rawBody, Math.floor(Date.now() / 1000)) } });
  };

  it('quotes, charges the quote, ships once, emails (and texts) the tracking number once, follows the carrier to the door, and refunds the parcel sent back', async () => {
    const customer = await shop.customer();
    const phone = '+447700900321';
    expect((await shop.app.request('PUT', `/api/customers/${customer.customerId}/sms`, { token: customer.token, body: { phone } })).status).toBe(200);
    // 4 × 250 g to Leeds from France: the carrier's European zone, one kilogram.
    const quote = await shop.app.request<{ weightGrams: number; rates: { service: string; cost: { amount: number; currency: string } }[] }>('POST', '/api/shipping/quotes', { token: customer.token, body: { lines: [{ productCode: code, quantity: 4 }] } });
    expect(quote.status).toBe(200);
    expect(quote.body.weightGrams).toBe(1_000);
    const standard = quote.body.rates.find((rate) => rate.service === 'standard')!;
    expect(standard.cost).toEqual({ amount: 990, currency: 'EUR' });

    // A cost that is no longer the cost is refused with the new one, and nothing is written.
    const stale = await orderAt(customer, { delivery: 'standard', expectedShippingCost: { amount: 490, currency: 'EUR' } });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ type: '/problems/shipping-changed', shippingCost: { amount: 990, currency: 'EUR' } });

    const placed = await orderAt(customer, { delivery: 'standard', expectedShippingCost: standard.cost });
    expect(placed.status).toBe(201);
    const orderId = String(placed.body.id);
    await eventually('the order to be paid', () => shop.orderStatus(orderId), (status) => status === 'paid');
    const events = await shop.orderEvents(orderId);
    expect(events[0]!.data).toMatchObject({ total: { amount: 4_000 + 990, currency: 'EUR' }, shipping: { service: 'standard', cost: { amount: 990, currency: 'EUR' }, weightGrams: 1_000 } });
    expect(events.find((event) => event.type === 'OrderPaid')!.data.total).toEqual({ amount: 4_990, currency: 'EUR' });
    const confirmation = await eventually('the confirmation', async () => shop.emailsTo(customer.email), (found) => found.length > 0);
    expect(confirmation[0]!.text).toContain('Shipping (standard, Sandbox Post): €9.90');
    expect(confirmation[0]!.text).toContain('Total: €49.90');
    expect(confirmation[0]!.text).toContain('We will ship it to:\n  1 Tea Street');

    // Five staff click "ship" at once, with different keys: one label, one event, the same tracking number for all.
    const shipped = await Promise.all(Array.from({ length: 5 }, () => ship(orderId)));
    expect(shipped.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 201].sort());
    const trackingNumber = shipped[0]!.body.shipment.trackingNumber;
    expect(new Set(shipped.map((answer) => answer.body.shipment.trackingNumber))).toEqual(new Set([trackingNumber]));
    expect((await shop.orderEvents(orderId)).filter((event) => event.type === 'OrderShipped')).toHaveLength(1);
    expect((await ship(orderId)).status).toBe(200);

    const dispatch = await eventually('the dispatch email', async () => shop.emailsTo(customer.email).filter((message) => message.subject.includes('on its way')), (found) => found.length > 0);
    expect(dispatch[0]!.text).toContain(`Tracking number: ${trackingNumber}`);
    expect(dispatch[0]!.text).toContain('Sandbox Post');
    const dispatchText = await eventually('the dispatch text', async () => shop.sms.messages().filter((message) => message.to === phone && message.text.includes('on its way')), (found) => found.length > 0);
    expect(dispatchText.map((message) => message.text)).toEqual([`Emporium: order ${orderId.slice(0, 8).toUpperCase()} is on its way with Sandbox Post, tracking number ${trackingNumber}.`]);

    // The carrier's word, as it comes: held by the test, then delivered out of order and twice.
    const held = await eventually('the tracking updates', async () => shop.app.shipping.heldWebhooks().filter((event) => event.data.orderId === orderId), (found) => found.length === 3);
    const [inTransit, outForDelivery, delivered] = held as [TrackingWebhookEvent, TrackingWebhookEvent, TrackingWebhookEvent];
    expect((await carrierSays(inTransit)).status).toBe(200);
    expect((await carrierSays(delivered)).status).toBe(200);
    const redeliveries = await Promise.all([carrierSays(delivered), carrierSays(delivered), carrierSays(outForDelivery), carrierSays(inTransit)]);
    expect(redeliveries.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const after = await shop.orderEvents(orderId);
    expect(after.filter((event) => event.type === 'OrderDelivered')).toHaveLength(1);
    expect(after.filter((event) => event.type === 'OrderTrackingUpdated')).toHaveLength(1);
    expect(after.at(-1)!.type).toBe('OrderDelivered');

    // The customer sees it delivered, with its parcel's history; and one dispatch email only.
    const read = await shop.app.request<{ status: string; shipping: { cost: { amount: number } }; shipment: { trackingNumber: string; tracking: { status: string }[] } }>('GET', `/api/orders/${orderId}`, {
      token: customer.token,
      headers: { 'emporium-checkpoint': formatCheckpoint(after.at(-1)!.checkpoint) },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'delivered', shipping: { cost: { amount: 990 } }, shipment: { trackingNumber } });
    expect(read.body.shipment.tracking.map((entry) => entry.status)).toEqual(['in_transit', 'delivered']);
    expect(shop.emailsTo(customer.email).filter((message) => message.subject.includes('on its way'))).toHaveLength(1);
    expect(shop.sms.messages().filter((message) => message.to === phone && message.text.includes('on its way'))).toHaveLength(1);

    // Sent back after delivery: the staff refund it in full, and the order says so.
    const refund = await shop.app.request('POST', `/api/orders/${orderId}/refunds`, { token: shop.staff, headers: { 'idempotency-key': randomUUID() }, body: { reason: 'Returned by the customer', restock: true } });
    expect(refund.status).toBe(202);
    await eventually('the order to be refunded', () => shop.orderStatus(orderId), (status) => status === 'refunded');
    expect((await shop.orderEvents(orderId)).at(-1)!.data.amount).toEqual({ amount: 4_990, currency: 'EUR' });
  });

  it('refuses webhooks not signed by the carrier, of parcels it does not know, or malformed, writing nothing', async () => {
    const customer = await shop.customer();
    const orderId = String((await orderAt(customer, { delivery: 'express' })).body.id);
    await eventually('the order to be paid', () => shop.orderStatus(orderId), (status) => status === 'paid');
    const { trackingNumber } = (await ship(orderId)).body.shipment;
    const before = (await shop.orderEvents(orderId)).length;
    const event: TrackingWebhookEvent = { id: `trk_forged_${randomUUID()}`, type: 'tracking.updated', created: Math.floor(Date.now() / 1000), data: { shipmentId: randomUUID(), orderId, trackingNumber, status: 'delivered', occurredAt: new Date().toISOString() } };

    const forged = await carrierSays(event, 'whsec_somebody_else_entirely');
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ type: '/problems/invalid-signature' });
    const unsigned = await shop.app.request('POST', '/api/shipping/webhook', { body: event });
    expect(unsigned.status).toBe(400);
    const otherParcel = await carrierSays({ ...event, data: { ...event.data, trackingNumber: 'SBX000000000000' } });
    expect(otherParcel.status).toBe(404);
    expect(otherParcel.body).toMatchObject({ type: '/problems/shipment-not-found' });
    const unknownOrder = await carrierSays({ ...event, data: { ...event.data, orderId: randomUUID() } });
    expect(unknownOrder.status).toBe(404);
    const badStatus = await carrierSays({ ...event, data: { ...event.data, status: 'teleported' as never } });
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body)).toContain('status');
    const nul = await carrierSays({ ...event, data: { ...event.data, description: 'left\u0000behind' } });
    expect(nul.status).toBe(400);
    expect((await shop.orderEvents(orderId)).length).toBe(before);
  });

  it('ships nothing unpaid or collected at the shop, and refuses a service the carrier does not offer', async () => {
    const customer = await shop.customer();
    const declined = String((await orderAt(customer, { delivery: 'standard', paymentToken: 'tok_declined' })).body.id);
    await eventually('the payment to fail', () => shop.orderStatus(declined), (status) => status === 'payment-failed');
    expect(await ship(declined)).toMatchObject({ status: 409, body: { type: '/problems/invalid-order-transition' } });

    const pickup = String((await orderAt(customer, {})).body.id);
    await eventually('the order to be paid', () => shop.orderStatus(pickup), (status) => status === 'paid');
    expect((await shop.orderEvents(pickup))[0]!.data.total).toEqual({ amount: 4_000, currency: 'EUR' });
    expect(await ship(pickup)).toMatchObject({ status: 409, body: { type: '/problems/not-shippable' } });

    // 200 boxes of 250 g is 50 kg: more than the carrier takes.
    const heavy = await shop.app.request('POST', '/api/orders', {
      token: customer.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { lines: [{ productCode: code, quantity: 200 }], paymentMethod: 'card', delivery: 'standard' },
    });
    expect(heavy).toMatchObject({ status: 409, body: { type: '/problems/not-shippable' } });
    const quote = await shop.app.request<{ rates: unknown[] }>('POST', '/api/shipping/quotes', { token: customer.token, body: { lines: [{ productCode: code, quantity: 200 }] } });
    expect(quote.body.rates).toEqual([]);
    expect((await shop.app.request('POST', '/api/shipping/quotes', { token: customer.token, body: { lines: [{ productCode: 'NO-SUCH-1', quantity: 1 }] } })).status).toBe(404);
    const nobody = await shop.app.request('POST', '/api/shipping/quotes', { token: shop.staff, body: { customerId: randomUUID(), lines: [{ productCode: code, quantity: 1 }], shippingAddress: { line1: '1 Rue', city: 'Paris', postalCode: '75001', country: 'FR' } } });
    expect(nobody).toMatchObject({ status: 404, body: { type: '/problems/customer-not-found' } });
    expect((await shop.app.request('POST', '/api/orders/' + randomUUID() + '/shipment', { token: shop.staff, headers: { 'idempotency-key': randomUUID() } })).status).toBe(404);
    // Staff name the customer; null names nobody (schemathesis found it answered 500 once): 400 naming the field.
    for (const [path, more] of [['/api/shipping/quotes', {}], ['/api/orders', { paymentMethod: 'card' }]] as const) {
      const unnamed = await shop.app.request<{ errors: { pointer: string }[] }>('POST', path, { token: shop.staff, body: { customerId: null, lines: [{ productCode: code, quantity: 1 }], ...more } });
      expect({ path, status: unnamed.status, pointers: unnamed.body.errors?.map((error) => error.pointer) }).toEqual({ path, status: 400, pointers: ['/customerId'] });
    }
  });
});
