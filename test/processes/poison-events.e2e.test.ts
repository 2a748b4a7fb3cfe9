import { randomUUID } from 'node:crypto';
import type { Upcaster } from '../../src/event-store/upcasting';
import { testAddress } from '../support/principals';
import { eventually, Journey } from '../support/journey';

/**
 * One malformed event must not stop the shop: an OrderPlaced without its orderId, written straight
 * into the log (as a bug or an old schema version would leave it), is parked by the fulfilment
 * process, which goes on with every other order. Once a fix is deployed (here an upcaster that
 * reads the order id from the stream name), a retry handles it, once.
 */
describe('poison events are parked, not fatal', () => {
  let shop: Journey;
  beforeAll(async () => {
    shop = await Journey.start();
  });
  afterAll(async () => {
    await shop.close();
  });

  const badOrderId = randomUUID();
  /** The fix a developer would ship: OrderPlaced events of that shape get their id from their stream. */
  const orderIdFromStream: Upcaster = (event) =>
    event.type === 'OrderPlaced' && typeof event.data.orderId !== 'string' ? { ...event, data: { ...event.data, orderId: event.streamId.slice('order-'.length) } } : event;

  const parkedEvents = async () => (await shop.app.request<{ items: { id: string; eventId: string; process: string; reason: string; error: string; attempts: number }[] }>('GET', '/api/admin/parked-events', { token: shop.staff })).body.items;

  it('parks the malformed order, pays and emails the next 100, and handles it once after the fix', async () => {
    const code = await shop.product(1_000);
    const customer = await shop.customer();

    // Written by SQL, as no command of ours would write it: an OrderPlaced with no orderId.
    const data = {
      customerId: customer.customerId,
      lines: [{ productCode: code, name: 'Tea', quantity: 1, unitPrice: { amount: 450, currency: 'EUR' }, lineTotal: { amount: 450, currency: 'EUR' } }],
      total: { amount: 450, currency: 'EUR' },
      paymentMethod: 'card',
      paymentToken: 'tok_success',
      shippingAddress: testAddress,
      placedAt: new Date().toISOString(),
    };
    const badEventId = randomUUID();
    await shop.app.db.pool.query(
      `select * from emporium_append($1, 'no_stream', array[$2]::uuid[], array['OrderPlaced'], array[$3]::jsonb[], array['{"schemaVersion":0}']::jsonb[], array[sha256($4::bytea)])`,
      [`order-${badOrderId}`, badEventId, JSON.stringify(data), Buffer.from(JSON.stringify(data))],
    );

    const orders = await Promise.all(Array.from({ length: 100 }, () => shop.placeOrder(customer, [{ productCode: code, quantity: 1 }])));
    await eventually('the next 100 orders paid', () => shop.orderStatuses(orders), (statuses) => statuses.every((status) => status === 'paid'), 60_000);
    await eventually('their 100 emails', async () => shop.emailsTo(customer.email).length, (count) => count >= 100, 30_000);

    const [parked] = await eventually('the bad event parked', parkedEvents, (items) => items.length > 0);
    expect(parked).toMatchObject({ process: 'fulfilment', eventId: badEventId, reason: 'failed' });
    expect(parked!.error).toContain('orderId');
    expect(parked!.attempts).toBeGreaterThan(1);
    type Health = { status: string; checks: { processes: { processes: { name: string; parkedEvents: number }[] }; projections: { projections: { name: string; state: string; failure?: { event?: { id: string } } }[] } } };
    // The sales report retries its batch with backoff before it stops: wait for it to have stopped.
    const health = await eventually(
      'the sales report stopped at the bad event',
      () => shop.app.request<Health>('GET', '/health'),
      (answer) => answer.body.checks.projections.projections.some((projection) => projection.name === 'sales-report' && projection.state === 'failed'),
      30_000,
    );
    expect({ status: health.status, body: health.body.status }).toEqual({ status: 200, body: 'degraded' });
    expect(health.body.checks.processes.processes).toContainEqual(expect.objectContaining({ name: 'fulfilment', state: 'live', parkedEvents: 1 }));
    // The sales report cannot count an order line without its order: it stops there and says so, rather than skip it.
    const salesReport = health.body.checks.projections.projections.find((projection) => projection.name === 'sales-report');
    expect({ state: salesReport?.state, event: salesReport?.failure?.event?.id }).toEqual({ state: 'failed', event: badEventId });

    // Retried before the fix: it fails again and stays parked.
    const early = await shop.app.request<{ handled: string[]; stillParked: number }>('POST', `/api/admin/parked-events/${parked!.id}/retry`, { token: shop.staff });
    expect(early.body).toMatchObject({ handled: [], stillParked: 1 });

    // The fix is deployed; the retry handles it, and once only.
    await shop.restart({ upcasters: [orderIdFromStream] });
    const retried = await shop.app.request<{ handled: string[]; stillParked: number }>('POST', `/api/admin/parked-events/${parked!.id}/retry`, { token: shop.staff });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ handled: [badEventId], stillParked: 0 });
    await eventually('the repaired order paid', () => shop.orderStatus(badOrderId), (status) => status === 'paid', 30_000);
    await eventually('its email', async () => shop.emailsTo(customer.email).length, (count) => count === 101, 30_000);

    const again = await shop.app.request('POST', `/api/admin/parked-events/${parked!.id}/retry`, { token: shop.staff });
    expect(again.body).toEqual({ handled: [], stillParked: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await shop.orderEvents(badOrderId)).filter((event) => event.type === 'OrderPaid')).toHaveLength(1);
    expect(shop.emailsTo(customer.email)).toHaveLength(101);
    expect(await parkedEvents()).toEqual([]);
    expect((await shop.app.request<{ status: string }>('GET', '/health')).body.status).toBe('up');
  });
});
