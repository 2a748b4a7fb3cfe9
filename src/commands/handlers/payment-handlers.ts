import { isPaidFor, orderDecider, type PaymentMethod } from '../../domain/orders/order';
import { leftToRefund, paymentDecider, type PaymentOutcome, type RefundOutcome, type RestockLine } from '../../domain/payments/payment';
import type { Money } from '../../domain/shared/money';
import { notFound, ruleViolated } from '../../domain/shared/domain-error';
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
    requestRefund(input: { paymentId: string; refundId: string; amount: Money; reason: string; restock?: readonly RestockLine[] }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RequestRefund', data: { ...input, now: context.now } }, context);
    },

    /**
     * The staff give money back on a paid order: for the lines named (at the price they were sold
     * at), or all that is left of its payment. With `restock`, the goods go back into stock once
     * the money has gone back. The payment refuses more than it took.
     */
    async refundOrder(input: { orderId: string; reason: string; lines?: readonly RestockLine[]; restock: boolean }, context: CommandContext) {
      const order = await loadState(eventStore, streamName('order', input.orderId), orderDecider);
      if (order.status === 'none') throw notFound('order-not-found', `There is no order ${input.orderId}`, { orderId: input.orderId });
      if ((!isPaidFor(order.status) && order.status !== 'refunded') || !order.paymentId) {
        throw ruleViolated('order-not-paid', `Order ${input.orderId} is ${order.status}: only a paid order is refunded`, { orderId: input.orderId, status: order.status });
      }
      const payment = await loadState(eventStore, streamName('payment', order.paymentId), paymentDecider);
      if (payment.status !== 'succeeded') throw ruleViolated('order-not-paid', `The payment of order ${input.orderId} did not go through`, { orderId: input.orderId });
      const returned = input.lines ?? order.lines.map(({ productCode, quantity }) => ({ productCode, quantity }));
      let amount: Money;
      if (input.lines) {
        let total = 0;
        for (const line of input.lines) {
          const sold = order.lines.find((candidate) => candidate.productCode === line.productCode);
          if (!sold || line.quantity > sold.quantity) {
            throw ruleViolated('refund-line-not-sold', `Order ${input.orderId} sold ${sold?.quantity ?? 0} of ${line.productCode}, not ${line.quantity}`, { orderId: input.orderId, productCode: line.productCode });
          }
          total += sold.unitPrice.amount * line.quantity;
        }
        amount = { amount: total, currency: order.total.currency };
      } else {
        amount = { amount: leftToRefund(payment), currency: payment.amount.currency };
      }
      const refundId = newIdFor(context, 'refund');
      const result = await handleCommand(
        eventStore,
        streamName('payment', order.paymentId),
        paymentDecider,
        { type: 'RequestRefund', data: { paymentId: order.paymentId, refundId, amount, reason: input.reason, ...(input.restock ? { restock: returned } : {}), now: context.now } },
        context,
      );
      return { ...result, refundId };
    },
    recordRefundOutcome(input: { paymentId: string; refundId: string; outcome: RefundOutcome }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RecordRefundOutcome', data: { ...input, now: context.now } }, context);
    },
    recordOutcome(input: { paymentId: string; outcome: PaymentOutcome }, context: CommandContext) {
      return handleCommand(eventStore, streamName('payment', input.paymentId), paymentDecider, { type: 'RecordPaymentOutcome', data: { ...input, now: context.now } }, context);
    },
  };
}
