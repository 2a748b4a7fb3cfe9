import { KafkaBus } from '../../src/messaging/kafka/kafka-bus';
import { silentLogger } from '../../src/shared/logger';
import { eventually, Journey } from '../support/journey';
import { uniqueTopicPrefix } from '../support/kafka-messages';
import { describeWithServer } from '../support/test-servers';

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

  it('lets the staff refund a paid order by line with the goods restocked, then the rest; never more than was paid', async () => {
    const code = await shop.product(10, { price: 1_000 });
    const other = await shop.product(10, { price: 250 });
    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 3 }, { productCode: other, quantity: 2 }]);
    await eventually('the order to await payment', () => shop.orderStatus(orderId), (status) => status === 'awaiting-payment');
    const paymentId = await paymentOf(orderId);
    await shop.gateway.deliver((await eventually('the success held', async () => held('payment.succeeded', paymentId), (found) => found.length === 1))[0]!);
    await eventually('the order to be paid', () => shop.orderStatus(orderId), (status) => status === 'paid');
    expect(await shop.stock(code)).toMatchObject({ onHand: 7, available: 7 });

    // A customer may not; the staff may, for one of three teas, with it back on the shelf.
    const byLine = { reason: 'one tin arrived dented', lines: [{ productCode: code, quantity: 1 }], restock: true };
    expect((await shop.app.request('POST', `/api/orders/${orderId}/refunds`, { body: byLine, token: customer.token })).status).toBe(403);
    const first = await shop.app.request<{ id: string }>('POST', `/api/orders/${orderId}/refunds`, { body: byLine, token: shop.staff, headers: { 'idempotency-key': `refund-${orderId}-1` } });
    expect(first.status).toBe(202);
    // The same request again (a retry) asks nothing more.
    expect((await shop.app.request<{ id: string }>('POST', `/api/orders/${orderId}/refunds`, { body: byLine, token: shop.staff, headers: { 'idempotency-key': `refund-${orderId}-1` } })).body.id).toBe(first.body.id);
    // More of a line than was sold is refused, and nothing is written.
    expect((await shop.app.request('POST', `/api/orders/${orderId}/refunds`, { body: { reason: 'too many', lines: [{ productCode: code, quantity: 4 }] }, token: shop.staff })).status).toBe(409);
    const refundOf = async (amount: number) => (await eventually(`the refund of ${amount}`, async () => held('refund.succeeded', paymentId).filter((webhook) => webhook.data.amount.amount === amount), (found) => found.length === 1))[0]!;
    await shop.gateway.deliver(await refundOf(1_000));
    await eventually('the dented tin back in stock', () => shop.stock(code), (stock) => stock.onHand === 8 && stock.available === 8);
    expect(await shop.orderStatus(orderId)).toBe('paid');

    // Then the rest of the payment, without restocking: the order is refunded in full.
    expect((await shop.app.request('POST', `/api/orders/${orderId}/refunds`, { body: { reason: 'goodwill' }, token: shop.staff })).status).toBe(202);
    await shop.gateway.deliver(await refundOf(2_500));
    await eventually('the order to be refunded', () => shop.orderStatus(orderId), (status) => status === 'refunded');
    // Nothing is left to refund.
    expect((await shop.app.request('POST', `/api/orders/${orderId}/refunds`, { body: { reason: 'again' }, token: shop.staff })).status).toBe(409);
    expect(await paymentEvents(paymentId)).toEqual(['PaymentRequested', 'PaymentSubmitted', 'PaymentSucceeded', 'RefundRequested', 'PaymentRefunded', 'RefundRequested', 'PaymentRefunded']);
    expect(await shop.stock(code)).toMatchObject({ onHand: 8, available: 8 });
    expect(await shop.stock(other)).toMatchObject({ onHand: 8, available: 8 });
    // The payment, as the staff read it, lists both refunds.
    const payment = await eventually(
      'the refunds on the payment read model',
      async () => (await shop.app.request<{ refunds?: { amount: { amount: number }; status: string; reason: string }[] }>('GET', `/api/payments/${paymentId}`, { token: shop.staff })).body,
      (found) => found.refunds?.filter((refund) => refund.status === 'refunded').length === 2,
    );
    expect(payment.refunds!.map((refund) => [refund.amount.amount, refund.reason])).toEqual([[1_000, 'one tin arrived dented'], [2_500, 'goodwill']]);
    const emails = await eventually('two refund emails', async () => shop.emailsTo(customer.email).filter((email) => email.subject.includes('refunded')), (found) => found.length === 2);
    expect(emails.map((email) => email.subject).sort()).toEqual([expect.stringContaining('€10.00 refunded'), expect.stringContaining('€25.00 refunded')].sort());
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

describeWithServer('KAFKA_BROKERS', 'refunds with Kafka between the roles', (brokers) => {
  let shop: Journey;
  beforeAll(async () => {
    const kafka = new KafkaBus({ brokers: brokers.split(','), clientId: 'refunds-test', topicPrefix: uniqueTopicPrefix('refunds'), partitions: 1 }, silentLogger);
    shop = await Journey.start({ sandbox: { holdWebhooks: true }, paymentDeadlineMs: 1_000, kafka });
  }, 60_000);
  afterAll(async () => {
    await shop.close();
  });

  it('refunds a payment that goes through after its order expired, the saga hearing of it through Kafka', async () => {
    const code = await shop.product(5);
    const customer = await shop.customer();
    const orderId = await shop.placeOrder(customer, [{ productCode: code, quantity: 2 }]);
    await eventually('the payment to expire', () => shop.orderStatus(orderId), (status) => status === 'payment-failed', 20_000);
    const paymentId = (await shop.orderEvents(orderId)).find((event) => event.type === 'OrderAwaitingPayment')!.data.paymentId as string;
    const held = (type: string) => shop.gateway.heldWebhooks().filter((webhook) => webhook.type === type && webhook.data.paymentId === paymentId);
    await shop.gateway.deliver((await eventually('the success held', async () => held('payment.succeeded'), (found) => found.length === 1))[0]!);
    await shop.gateway.deliver((await eventually('the refund asked', async () => held('refund.succeeded'), (found) => found.length === 1, 20_000))[0]!);
    await eventually('the order to be refunded', () => shop.orderStatus(orderId), (status) => status === 'refunded', 20_000);
    const payment = (await shop.app.app.eventStore.readStream(`payment-${paymentId}`)).map((event) => event.type);
    expect(payment.filter((type) => type === 'RefundRequested')).toHaveLength(1);
    expect(payment.filter((type) => type === 'PaymentRefunded')).toHaveLength(1);
    await eventually('the refund email', async () => shop.emailsTo(customer.email).filter((email) => email.subject.includes('refunded')), (found) => found.length === 1, 20_000);
    expect(await shop.stock(code)).toMatchObject({ onHand: 5, available: 5, reserved: 0 });
  }, 90_000);
});
