import { paymentDecider, type PaymentCommand, type PaymentEvent } from '../../src/domain/payments/payment';
import { deciderSpec } from '../support/decider-spec';

const now = new Date('2026-11-24T10:00:00.000Z');
const at = now.toISOString();
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const spec = deciderSpec(paymentDecider);

const request: PaymentCommand = { type: 'RequestPayment', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(5_349), method: 'card', now } };
const requested: PaymentEvent = { type: 'PaymentRequested', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(5_349), method: 'card', requestedAt: at } };
const succeed: PaymentCommand = { type: 'RecordPaymentOutcome', data: { paymentId: 'p-1', outcome: { status: 'succeeded', gatewayReference: 'gw_123' }, now } };
const fail: PaymentCommand = { type: 'RecordPaymentOutcome', data: { paymentId: 'p-1', outcome: { status: 'failed', reason: 'card declined' }, now } };
const succeeded: PaymentEvent = { type: 'PaymentSucceeded', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(5_349), method: 'card', gatewayReference: 'gw_123', succeededAt: at } };
const failed: PaymentEvent = { type: 'PaymentFailed', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(5_349), method: 'card', reason: 'card declined', failedAt: at } };

describe('payment', () => {
  describe('requesting', () => {
    it('requests the amount by the method', () => spec.given([]).when(request).then([requested]));
    it('treats the same request again as done', () => spec.given([requested]).when(request).thenNothingNew());
    it('refuses another request under the same id', () =>
      spec.given([requested]).when({ type: 'RequestPayment', data: { paymentId: 'p-1', orderId: 'o-2', amount: eur(1), method: 'card', now } }).thenRefused('already-exists', 'payment-exists'));
    it('refuses an amount of zero or less', () =>
      spec.given([]).when({ type: 'RequestPayment', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(0), method: 'card', now } }).thenRefused('rule-violated', 'invalid-amount'));
  });

  describe('recording its submission to the gateway', () => {
    const submit = (gatewayReference: string): PaymentCommand => ({ type: 'RecordPaymentSubmitted', data: { paymentId: 'p-1', gatewayReference, now } });
    const submitted: PaymentEvent = { type: 'PaymentSubmitted', data: { paymentId: 'p-1', orderId: 'o-1', gatewayReference: 'gw_123', submittedAt: at } };
    it('records the gateway reference', () => spec.given([requested]).when(submit('gw_123')).then([submitted]));
    it('records the same submission once', () => spec.given([requested, submitted]).when(submit('gw_123')).thenNothingNew());
    it('refuses another reference for the same payment', () => spec.given([requested, submitted]).when(submit('gw_999')).thenRefused('rule-violated', 'payment-submitted-elsewhere'));
    it('records nothing once the outcome is in', () => spec.given([requested, succeeded]).when(submit('gw_123')).thenNothingNew());
    it('refuses an unknown payment', () => spec.given([]).when(submit('gw_123')).thenRefused('not-found', 'payment-not-found'));
  });

  describe('recording the outcome', () => {
    it('records success with the gateway reference', () => spec.given([requested]).when(succeed).then([succeeded]));
    it('records failure with the reason', () => spec.given([requested]).when(fail).then([failed]));
    it('ignores the same outcome delivered again', () => {
      spec.given([requested, succeeded]).when(succeed).thenNothingNew();
      spec.given([requested, failed]).when(fail).thenNothingNew();
    });
    it('refuses a different second outcome', () => {
      spec.given([requested, succeeded]).when(fail).thenRefused('rule-violated', 'payment-outcome-conflict');
      spec
        .given([requested, succeeded])
        .when({ type: 'RecordPaymentOutcome', data: { paymentId: 'p-1', outcome: { status: 'succeeded', gatewayReference: 'gw_999' }, now } })
        .thenRefused('rule-violated', 'payment-outcome-conflict');
    });
    it('refuses an outcome for an unknown payment', () => spec.given([]).when(succeed).thenRefused('not-found', 'payment-not-found'));
  });

  describe('a success after the payment was recorded as failed (it expired at its deadline)', () => {
    const late: PaymentEvent = { type: 'PaymentSucceededLate', data: { paymentId: 'p-1', orderId: 'o-1', amount: eur(5_349), method: 'card', gatewayReference: 'gw_123', succeededAt: at } };
    it('records that the gateway took the money, to be given back', () => spec.given([requested, failed]).when(succeed).then([late]));
    it('records it once, however often the gateway says it', () => spec.given([requested, failed, late]).when(succeed).thenNothingNew());
    it('refuses a second, different success', () =>
      spec
        .given([requested, failed, late])
        .when({ type: 'RecordPaymentOutcome', data: { paymentId: 'p-1', outcome: { status: 'succeeded', gatewayReference: 'gw_999' }, now } })
        .thenRefused('rule-violated', 'payment-outcome-conflict'));
    it('lets the money taken late be refunded', () =>
      spec
        .given([requested, failed, late])
        .when({ type: 'RequestRefund', data: { paymentId: 'p-1', refundId: 'r-1', amount: eur(5_349), reason: 'paid after it expired', now } })
        .then([{ type: 'RefundRequested', data: { paymentId: 'p-1', orderId: 'o-1', refundId: 'r-1', amount: eur(5_349), gatewayReference: 'gw_123', reason: 'paid after it expired', requestedAt: at } }]));
  });

  describe('refunding', () => {
    const refund = (refundId: string, amount: number): PaymentCommand => ({ type: 'RequestRefund', data: { paymentId: 'p-1', refundId, amount: eur(amount), reason: 'returned', now } });
    const refundRequested = (refundId: string, amount: number): PaymentEvent => ({ type: 'RefundRequested', data: { paymentId: 'p-1', orderId: 'o-1', refundId, amount: eur(amount), gatewayReference: 'gw_123', reason: 'returned', requestedAt: at } });
    const refunded = (refundId: string, amount: number): PaymentEvent => ({ type: 'PaymentRefunded', data: { paymentId: 'p-1', orderId: 'o-1', refundId, amount: eur(amount), refundReference: `ref_${refundId}`, refundedAt: at } });
    const refundFailed = (refundId: string, amount: number): PaymentEvent => ({ type: 'RefundFailed', data: { paymentId: 'p-1', orderId: 'o-1', refundId, amount: eur(amount), reason: 'charge_not_found', failedAt: at } });
    const succeedRefund = (refundId: string): PaymentCommand => ({ type: 'RecordRefundOutcome', data: { paymentId: 'p-1', refundId, outcome: { status: 'succeeded', refundReference: `ref_${refundId}` }, now } });
    const failRefund = (refundId: string): PaymentCommand => ({ type: 'RecordRefundOutcome', data: { paymentId: 'p-1', refundId, outcome: { status: 'failed', reason: 'charge_not_found' }, now } });

    it('asks for the whole payment back', () => spec.given([requested, succeeded]).when(refund('r-1', 5_349)).then([refundRequested('r-1', 5_349)]));
    it('asks for part of it back, then the rest, never more', () => {
      spec.given([requested, succeeded, refundRequested('r-1', 2_000)]).when(refund('r-2', 3_349)).then([refundRequested('r-2', 3_349)]);
      spec.given([requested, succeeded, refundRequested('r-1', 2_000)]).when(refund('r-2', 3_350)).thenRefused('rule-violated', 'refund-exceeds-payment');
    });
    it('counts a refused refund as not given back', () => spec.given([requested, succeeded, refundRequested('r-1', 5_349), refundFailed('r-1', 5_349)]).when(refund('r-2', 5_349)).then([refundRequested('r-2', 5_349)]));
    it('treats the same refund asked again as done, and refuses another under its id', () => {
      spec.given([requested, succeeded, refundRequested('r-1', 2_000)]).when(refund('r-1', 2_000)).thenNothingNew();
      spec.given([requested, succeeded, refundRequested('r-1', 2_000)]).when(refund('r-1', 1_000)).thenRefused('already-exists', 'refund-exists');
    });
    it('refuses to refund a payment that took no money, an amount of zero, or another currency', () => {
      spec.given([requested]).when(refund('r-1', 100)).thenRefused('rule-violated', 'payment-not-captured');
      spec.given([requested, failed]).when(refund('r-1', 100)).thenRefused('rule-violated', 'payment-not-captured');
      spec.given([requested, succeeded]).when(refund('r-1', 0)).thenRefused('rule-violated', 'refund-exceeds-payment');
      spec
        .given([requested, succeeded])
        .when({ type: 'RequestRefund', data: { paymentId: 'p-1', refundId: 'r-1', amount: { amount: 100, currency: 'GBP' }, reason: 'returned', now } })
        .thenRefused('rule-violated', 'refund-currency');
      spec.given([]).when(refund('r-1', 100)).thenRefused('not-found', 'payment-not-found');
    });
    it("records the gateway's outcome of a refund, once", () => {
      spec.given([requested, succeeded, refundRequested('r-1', 5_349)]).when(succeedRefund('r-1')).then([refunded('r-1', 5_349)]);
      spec.given([requested, succeeded, refundRequested('r-1', 5_349)]).when(failRefund('r-1')).then([refundFailed('r-1', 5_349)]);
      spec.given([requested, succeeded, refundRequested('r-1', 5_349), refunded('r-1', 5_349)]).when(succeedRefund('r-1')).thenNothingNew();
    });
    it('refuses a different second outcome of a refund, and an outcome of a refund never asked for', () => {
      spec.given([requested, succeeded, refundRequested('r-1', 5_349), refunded('r-1', 5_349)]).when(failRefund('r-1')).thenRefused('rule-violated', 'refund-outcome-conflict');
      spec.given([requested, succeeded]).when(succeedRefund('r-9')).thenRefused('not-found', 'refund-not-found');
    });
  });
});
