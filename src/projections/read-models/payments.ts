import type { PaymentMethod } from '../../domain/orders/order';
import type { PaymentEvent } from '../../domain/payments/payment';
import type { Money } from '../../domain/shared/money';
import { streamPrefix } from '../../domain/stream-names';
import { documentNamedBy, type DocumentProjection } from '../document-projection';

/**
 * A payment as its customer and the staff see it: how much, how, where it stands, and the
 * gateway's answer. It does not name the customer: who may read it follows from its order.
 */
export interface PaymentSummary {
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: Money;
  readonly method: PaymentMethod;
  /** `requested`: asked of the gateway; `submitted`: the gateway took it and will answer. */
  readonly status: 'requested' | 'submitted' | 'succeeded' | 'failed';
  readonly gatewayReference: string | null;
  /** Why it failed, in words a customer can act on. */
  readonly failureReason: string | null;
  readonly requestedAt: string;
  readonly submittedAt: string | null;
  readonly settledAt: string | null;
  /** When the gateway took the money after the payment had expired (it is then refunded). */
  readonly succeededLateAt?: string;
  /** Money given back on it, in the order asked; absent until the first refund. */
  readonly refunds?: readonly RefundSummary[];
  /** How its last settled refund ended: `failed` (the gateway refused it) needs a person, until a later one goes through. */
  readonly lastRefundOutcome?: 'refunded' | 'failed';
}

export interface RefundSummary {
  readonly refundId: string;
  readonly amount: Money;
  readonly reason: string;
  readonly status: 'requested' | 'refunded' | 'failed';
  readonly failureReason: string | null;
  readonly requestedAt: string;
  readonly settledAt: string | null;
}

export const paymentsProjection: DocumentProjection<PaymentSummary> = {
  name: 'payments',
  collection: { name: 'payments', indexes: [[{ path: 'orderId', type: 'text' }, { path: 'requestedAt', type: 'text' }, { path: 'paymentId', type: 'text' }]] },
  filter: { streamPrefixes: [streamPrefix('payment')] },
  documentIds: documentNamedBy('paymentId'),
  evolve(payment, recorded) {
    const event = recorded as unknown as PaymentEvent;
    if (event.type === 'PaymentRequested') {
      const { paymentId, orderId, amount, method, requestedAt } = event.data;
      return { paymentId, orderId, amount, method, status: 'requested', gatewayReference: null, failureReason: null, requestedAt, submittedAt: null, settledAt: null };
    }
    if (!payment) return null;
    switch (event.type) {
      case 'PaymentSubmitted':
        // An outcome can arrive before the submission is recorded; it is not undone by it.
        return { ...payment, status: payment.status === 'requested' ? 'submitted' : payment.status, gatewayReference: event.data.gatewayReference, submittedAt: event.data.submittedAt };
      case 'PaymentSucceeded':
        return { ...payment, status: 'succeeded', gatewayReference: event.data.gatewayReference, settledAt: event.data.succeededAt };
      case 'PaymentFailed':
        return { ...payment, status: 'failed', failureReason: event.data.reason, settledAt: event.data.failedAt };
      case 'PaymentSucceededLate':
        return { ...payment, gatewayReference: event.data.gatewayReference, succeededLateAt: event.data.succeededAt };
      case 'RefundRequested': {
        const { refundId, amount, reason, requestedAt } = event.data;
        return { ...payment, refunds: [...(payment.refunds ?? []), { refundId, amount, reason, status: 'requested', failureReason: null, requestedAt, settledAt: null }] };
      }
      case 'PaymentRefunded':
      case 'RefundFailed': {
        const settled = (refund: RefundSummary): RefundSummary =>
          event.type === 'PaymentRefunded' ? { ...refund, status: 'refunded', settledAt: event.data.refundedAt } : { ...refund, status: 'failed', failureReason: event.data.reason, settledAt: event.data.failedAt };
        return {
          ...payment,
          refunds: (payment.refunds ?? []).map((refund) => (refund.refundId === event.data.refundId ? settled(refund) : refund)),
          lastRefundOutcome: event.type === 'PaymentRefunded' ? 'refunded' : 'failed',
        };
      }
      default:
        return payment;
    }
  },
};
