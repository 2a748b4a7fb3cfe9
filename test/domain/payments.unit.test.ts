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
      spec.given([requested, failed]).when(succeed).thenRefused('rule-violated', 'payment-outcome-conflict');
      spec
        .given([requested, succeeded])
        .when({ type: 'RecordPaymentOutcome', data: { paymentId: 'p-1', outcome: { status: 'succeeded', gatewayReference: 'gw_999' }, now } })
        .thenRefused('rule-violated', 'payment-outcome-conflict');
    });
    it('refuses an outcome for an unknown payment', () => spec.given([]).when(succeed).thenRefused('not-found', 'payment-not-found'));
  });
});
