import { orderDecider, type PaymentMethod } from '../../domain/orders/order';
import { paymentDecider, type PaymentOutcome, type RefundOutcome } from '../../domain/payments/payment';
import type { Money } from '../../domain/shared/money';
import { notFound } from '../../domain/shared/domain-error';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { mayActFor } from '../authorization';
import { handleCommand, newIdFor, type CommandContext } from '../command-handler';
import { loadState } from './catalog-handlers';

export function paymentHandlers(eventStore: EventStore) {
  return {
    /** The amount is the order's total: a client never says how much to charge. */
    async requestPayment(input: { orderId: string; method?: PaymentMethod }, context: CommandContext) {
      const order = await loadState(eventStore, streamName('order', input.orderId), orderDecider);
      if (order.status === 'none' || !mayActFor(context.actor, order.customerId)) {
        throw notFound('order-not-found', `There is no order ${input.orderId}`, { orderId: input.orderId });
      }
      const paymentId = newIdFor(context, 'payment');
      return handleCommand(
        eventStore,
        streamName('payment', paymentId),
        paymentDecider,
        { type: 'RequestPayment', data: { paymentId, orderId: order.orderId, amount: order.total, method: input.method ?? order.paymentMethod, now: context.now } },
        context,
        { newStream: true },
      );
    },

    recordSubmitted(input: { paymentId: string; gatewayReference: string }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RecordPaymentSubmitted', data: { ...input, now: context.now } }, context);
    },

    /** The trace of the request that made the payment (its first event's), for the outcome to continue. */
    async requestTraceparent(paymentId: string): Promise<string | undefined> {
      return (await eventStore.readStream(streamName('payment', paymentId)))[0]?.metadata.traceparent;
    },
    requestRefund(input: { paymentId: string; refundId: string; amount: Money; reason: string }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RequestRefund', data: { ...input, now: context.now } }, context);
    },
    recordRefundOutcome(input: { paymentId: string; refundId: string; outcome: RefundOutcome }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RecordRefundOutcome', data: { ...input, now: context.now } }, context);
    },
    recordOutcome(input: { paymentId: string; outcome: PaymentOutcome }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RecordPaymentOutcome', data: { ...input, now: context.now } }, context);
    },
  };
}
