import { eventually, Journey } from '../support/journey';

/*
 * Money taken for goods the customer will not get goes back, exactly once: a payment that goes
 * through after its order expired at the payment deadline, or after the customer cancelled it.
 * The sandbox holds its webhooks so the test decides when (and how often) each arrives.
 */
describe('refunds', () => {
  let shop: Journey;
  beforeAll(async () => {
    shop = await Journey.start({ sandbox: { holdWebhooks: true }, paymentDeadlineMs: 1_000 });
  });
  afterAll(async () => {
    await shop.close();
  });

  const held = (type: string, paymentId: string) => shop.gateway.heldWebhooks().filter((webhook) => webhook.type === type && webhook.data.paymentId === paymentId);
  const paymentEvents = async (paymentId: string) => (await shop.app.app.eventStore.readStream(`payment-${paymentId}`)).map((event) => event.type);
  const paymentOf = async (orderId: string) => (await shop.orderEvents(orderId)).find((event) => event.type === 'OrderAwaitingPayment')!.data.paymentId as string;

  it('refunds in full, once, a payment that goes through after its order expired; the order shows refunded, one email says so, the stock stays whole', async () => {
    const code = await shop.product(5);
    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 2 }]);
    await eventually('the payment to expire', () => shop.orderStatus(orderId), (status) => status === 'payment-failed', 10_000);
    expect(await shop.stock(code)).toMatchObject({ onHand: 5, available: 5, reserved: 0 });
    const paymentId = await paymentOf(orderId);

    // The gateway's success arrives late, and twice.
    const success = (await eventually('the success held', async () => held('payment.succeeded', paymentId), (found) => found.length === 1))[0]!;
    await shop.gateway.deliver(success);
    await shop.gateway.deliver(success);
    const refund = (await eventually('the refund asked of the gateway', async () => held('refund.succeeded', paymentId), (found) => found.length > 0))[0]!;
    expect(refund.data.amount).toEqual({ amount: 900, currency: 'EUR' });
    await shop.gateway.deliver(refund);
    await shop.gateway.deliver(refund);

    await eventually('the order to be refunded', () => shop.orderStatus(orderId), (status) => status === 'refunded');
    const emails = await eventually('the refund email', async () => shop.emailsTo(customer.email).filter((email) => email.subject.includes('refunded')), (found) => found.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await paymentEvents(paymentId)).toEqual(['PaymentRequested', 'PaymentSubmitted', 'PaymentFailed', 'PaymentSucceededLate', 'RefundRequested', 'PaymentRefunded']);
    expect(held('refund.succeeded', paymentId)).toHaveLength(1);
    expect(shop.emailsTo(customer.email).filter((email) => email.subject.includes('refunded'))).toHaveLength(1);
    expect(emails[0]!.text).toContain('We have refunded €9.00');
    expect(emails[0]!.text).toContain('after it had expired');
    expect(shop.emailsTo(customer.email).map((email) => email.subject)).toEqual([expect.stringContaining('did not go through'), expect.stringContaining('refunded')]);
    expect(await shop.stock(code)).toMatchObject({ onHand: 5, available: 5, reserved: 0 });
    const order = await shop.app.request<{ status: string; timeline: { status: string }[] }>('GET', `/api/orders/${orderId}`, { token: customer.token });
    expect(order.body.status).toBe('refunded');
  });

  it('refunds a payment that goes through after the customer cancelled the order, and gives the stock back', async () => {
    const code = await shop.product(4);
    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 3 }]);
    await eventually('the order to await payment', () => shop.orderStatus(orderId), (status) => status === 'awaiting-payment');
    const paymentId = await paymentOf(orderId);
    expect((await shop.app.request('POST', `/api/orders/${orderId}/cancel`, { body: { reason: 'changed my mind' }, token: customer.token })).status).toBe(200);
    await shop.gateway.deliver((await eventually('the success held', async () => held('payment.succeeded', paymentId), (found) => found.length === 1))[0]!);
    await shop.gateway.deliver((await eventually('the refund asked', async () => held('refund.succeeded', paymentId), (found) => found.length === 1))[0]!);

    await eventually('the order to be refunded', () => shop.orderStatus(orderId), (status) => status === 'refunded');
    expect(await paymentEvents(paymentId)).toEqual(['PaymentRequested', 'PaymentSubmitted', 'PaymentSucceeded', 'RefundRequested', 'PaymentRefunded']);
    await eventually('the stock back', () => shop.stock(code), (stock) => stock.available === 4 && stock.reserved === 0 && stock.onHand === 4);
    await eventually('the refund email', async () => shop.emailsTo(customer.email), (found) => found.some((email) => email.subject.includes('refunded')));
  });
});
