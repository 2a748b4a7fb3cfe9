import type { Money } from '../../domain/shared/money';
import { customerDecider } from '../../domain/customers/customer';
import { orderDecider, type CatalogEntry, type OrderCommand, type PaymentMethod, type UnavailableLine } from '../../domain/orders/order';
import type { PostalAddress } from '../../domain/shared/address';
import { streamName } from '../../domain/stream-names';
import type { EventStore } from '../../event-store/event-store';
import { notFound } from '../../domain/shared/domain-error';
import { mayActFor } from '../authorization';
import { handleCommand, newIdFor, type CommandContext, type CommandOptions } from '../command-handler';
import { loadProduct, loadState } from './catalog-handlers';

export function orderHandlers(eventStore: EventStore) {
  const run = (orderId: string, command: OrderCommand, context: CommandContext, options?: CommandOptions) =>
    handleCommand(eventStore, streamName('order', orderId), orderDecider, command, context, options);

  return {
    async placeOrder(
      input: { customerId: string; lines: { productCode: string; quantity: number }[]; paymentMethod: PaymentMethod; paymentToken?: string; shippingAddress?: PostalAddress },
      context: CommandContext,
    ) {
      const orderId = newIdFor(context, 'order');
      const [customer, ...products] = await Promise.all([
        loadState(eventStore, streamName('customer', input.customerId), customerDecider),
        ...input.lines.map((line) => loadProduct(eventStore, line.productCode)),
      ]);
      // Names and prices are captured now: later catalog changes do not touch a placed order.
      const catalog: Record<string, CatalogEntry> = {};
      for (const product of products) {
        if (product.status !== 'absent') catalog[product.code] = { name: product.name, unitPrice: product.price, status: product.status };
      }
      return run(
        orderId,
        {
          type: 'PlaceOrder',
          data: {
            orderId,
            customer: customer.status === 'registered' ? { customerId: customer.customerId, shippingAddress: customer.shippingAddress } : null,
            lines: input.lines,
            catalog,
            paymentMethod: input.paymentMethod,
            ...(input.paymentToken ? { paymentToken: input.paymentToken } : {}),
            ...(input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
            now: context.now,
          },
        },
        context,
        { newStream: true },
      );
    },

    recordAwaitingPayment: (input: { orderId: string; paymentId: string }, context: CommandContext) =>
      run(input.orderId, { type: 'RecordOrderAwaitingPayment', data: { ...input, now: context.now } }, context),
    markPaid: (input: { orderId: string; paymentId: string }, context: CommandContext) => run(input.orderId, { type: 'MarkOrderPaid', data: { ...input, now: context.now } }, context),
    markPaymentFailed: (input: { orderId: string; paymentId: string; reason: string }, context: CommandContext) =>
      run(input.orderId, { type: 'MarkOrderPaymentFailed', data: { ...input, now: context.now } }, context),
    markRefunded: (input: { orderId: string; paymentId: string; refundId: string; amount: Money; reason: string }, context: CommandContext) =>
      run(input.orderId, { type: 'MarkOrderRefunded', data: { ...input, now: context.now } }, context),
    /** Customers cancel their own orders only; another's is not found. */
    async cancel(input: { orderId: string; reason: string }, context: CommandContext) {
      const order = await loadState(eventStore, streamName('order', input.orderId), orderDecider);
      if (order.status !== 'none' && !mayActFor(context.actor, order.customerId)) throw notFound('order-not-found', `There is no order ${input.orderId}`, { orderId: input.orderId });
      return run(input.orderId, { type: 'CancelOrder', data: { ...input, now: context.now } }, context);
    },
    reject: (input: { orderId: string; unavailable: UnavailableLine[] }, context: CommandContext) =>
      run(input.orderId, { type: 'RejectOrder', data: { ...input, reason: 'out-of-stock', now: context.now } }, context),
  };
}
