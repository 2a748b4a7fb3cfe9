import { randomUUID } from 'node:crypto';
import type { GatewayWebhookEvent, PaymentGateway } from '../../src/payments/payment-gateway';
import { contractWebhookSecret, webhookReceiver } from '../support/webhook-receiver';

export { contractWebhookSecret, webhookReceiver };

const until = async (condition: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

/** The payment gateway port's contract: every adapter passes it unchanged. */
export function paymentGatewayContract(adapter: string, create: (webhookUrl: string) => Promise<{ gateway: PaymentGateway; stop: () => Promise<void> }>): void {
  describe(`PaymentGateway contract: ${adapter}`, () => {
    let receiver: Awaited<ReturnType<typeof webhookReceiver<GatewayWebhookEvent>>>;
    let gateway: PaymentGateway;
    let stop: () => Promise<void>;
    beforeEach(async () => {
      receiver = await webhookReceiver();
      ({ gateway, stop } = await create(receiver.url));
    });
    afterEach(async () => {
      await stop();
      await receiver.close();
    });
    const request = (paymentToken?: string) => ({ paymentId: randomUUID(), orderId: randomUUID(), amount: { amount: 5_349, currency: 'EUR' }, method: 'card' as const, ...(paymentToken ? { paymentToken } : {}) });

    it('answers at once with a reference and "pending", the same one for the same idempotency key', async () => {
      const payment = request('tok_success');
      const first = await gateway.createPayment(payment, payment.paymentId);
      expect(first.status).toBe('pending');
      expect(first.gatewayReference.length).toBeGreaterThan(0);
      expect(await gateway.createPayment(payment, payment.paymentId)).toEqual(first);
      expect((await gateway.createPayment(request('tok_success'), randomUUID())).gatewayReference).not.toBe(first.gatewayReference);
    });

    it.each([
      ['tok_success', 'payment.succeeded', undefined],
      [undefined, 'payment.succeeded', undefined],
      ['tok_declined', 'payment.failed', 'card_declined'],
      ['tok_insufficient_funds', 'payment.failed', 'insufficient_funds'],
    ] as const)('tells the outcome of %s later, by a signed webhook', async (token, type, failureCode) => {
      const payment = request(token);
      const { gatewayReference } = await gateway.createPayment(payment, payment.paymentId);
      await until(() => receiver.received.length > 0);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]).toMatchObject({ type, data: { gatewayReference, paymentId: payment.paymentId, orderId: payment.orderId, amount: payment.amount, ...(failureCode ? { failureCode } : {}) } });
    });

    it('never answers for tok_no_answer', async () => {
      const payment = request('tok_no_answer');
      await gateway.createPayment(payment, payment.paymentId);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(receiver.received).toEqual([]);
    });

    it('refunds a payment that went through, once per idempotency key, telling the outcome by webhook', async () => {
      const payment = request('tok_success');
      const { gatewayReference } = await gateway.createPayment(payment, payment.paymentId);
      await until(() => receiver.received.length > 0);
      const refund = { refundId: randomUUID(), paymentId: payment.paymentId, orderId: payment.orderId, gatewayReference, amount: { amount: 2_000, currency: 'EUR' }, reason: 'a line returned' };
      const first = await gateway.refund(refund, refund.refundId);
      expect(first.status).toBe('pending');
      expect(await gateway.refund(refund, refund.refundId)).toEqual(first);
      await until(() => receiver.received.length > 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refunds = receiver.received.filter((event) => event.type.startsWith('refund.'));
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({ type: 'refund.succeeded', data: { gatewayReference, paymentId: payment.paymentId, orderId: payment.orderId, amount: refund.amount, refundId: refund.refundId, refundReference: first.refundReference } });
    });

    it('refuses by webhook a refund beyond what the payment took, or of a payment that did not go through', async () => {
      const payment = request('tok_success');
      const { gatewayReference } = await gateway.createPayment(payment, payment.paymentId);
      const declined = request('tok_declined');
      const declinedReference = (await gateway.createPayment(declined, declined.paymentId)).gatewayReference;
      await until(() => receiver.received.length > 1);
      const tooMuch = { refundId: randomUUID(), paymentId: payment.paymentId, orderId: payment.orderId, gatewayReference, amount: { amount: payment.amount.amount + 1, currency: 'EUR' }, reason: 'too much' };
      const neverTaken = { refundId: randomUUID(), paymentId: declined.paymentId, orderId: declined.orderId, gatewayReference: declinedReference, amount: { amount: 100, currency: 'EUR' }, reason: 'never taken' };
      await gateway.refund(tooMuch, tooMuch.refundId);
      await gateway.refund(neverTaken, neverTaken.refundId);
      await until(() => receiver.received.filter((event) => event.type.startsWith('refund.')).length > 1);
      const outcomes = receiver.received.filter((event) => event.type.startsWith('refund.'));
      expect(outcomes.find((event) => event.data.refundId === tooMuch.refundId)).toMatchObject({ type: 'refund.failed', data: { failureCode: 'amount_too_large' } });
      expect(outcomes.find((event) => event.data.refundId === neverTaken.refundId)).toMatchObject({ type: 'refund.failed', data: { failureCode: 'charge_not_found' } });
    });

    it('delivers a webhook again, under the same event id, until it is taken', async () => {
      receiver.refuseNext(2);
      const payment = request('tok_success');
      await gateway.createPayment(payment, payment.paymentId);
      await until(() => receiver.received.length > 0, 5_000);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.data.paymentId).toBe(payment.paymentId);
    });
  });
}
